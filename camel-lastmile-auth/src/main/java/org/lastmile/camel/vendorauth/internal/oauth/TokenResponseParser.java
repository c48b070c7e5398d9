package org.lastmile.camel.vendorauth.internal.oauth;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lastmile.camel.vendorauth.internal.profile.VendorProfile.ExpiryRules;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a token endpoint's answer into an {@link AccessToken} or a {@link TokenEndpointException}.
 *
 * <p>
 * Lifetime: a JWT {@code exp} claim wins (it is what the API will check); else {@code expires_in}, a number or a numeric
 * string in the profile's unit; else the profile's default. The result is kept between the profile's minimum and maximum,
 * with one warning per profile and kind, because a unit read wrongly (seconds as milliseconds) either hammers the vendor or
 * keeps a dead token.
 */
public final class TokenResponseParser {

    private static final Logger LOG = LoggerFactory.getLogger(TokenResponseParser.class);
    private static final String MASK = "****";
    /** A vendor's message is kept to this length: an error page must not flood a log. */
    private static final int MAX_MESSAGE = 500;
    /**
     * How long a refresh token lives when neither the answer nor the profile says: days, not the access token's hour,
     * since vendors mean refresh tokens to outlive idle spells; one the vendor refused earlier is dropped then.
     */
    public static final Duration DEFAULT_REFRESH_TOKEN_LIFETIME = Duration.ofDays(7);

    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * Reads a successful (2xx) answer.
     *
     * @param profile the profile, for messages
     * @param status  the HTTP status
     * @param body    the body
     * @param rules   the profile's expiry rules
     * @param now     when the request was sent: the token's life counts from then
     * @param secrets texts that must not appear in an error message
     */
    public AccessToken parseToken(String profile, int status, byte[] body, ExpiryRules rules, Instant now,
                                  List<String> secrets) {
        JsonNode json = readObject(body);
        if (json == null) {
            throw new TokenEndpointException(profile, status, null,
                    "the answer is not a JSON object (" + body.length + " bytes)", null, null);
        }
        String value = text(json, "access_token");
        if (value == null || value.isBlank()) {
            // some vendors answer an error with status 200: keep their words
            TokenEndpointException said = parseError(profile, status, body, null, secrets);
            String message = said.getVendorMessage() == null ? "the answer has no access_token"
                    : said.getVendorMessage() + " (the answer has no access_token)";
            throw new TokenEndpointException(profile, status, said.getError(), message, null, null);
        }
        String type = text(json, "token_type");
        Instant expiresAt = now.plus(bounded(profile, lifetime(profile, json, value, rules, now), rules));

        String refreshToken = text(json, "refresh_token");
        Instant refreshTokenExpiresAt = null;
        if (refreshToken != null && !refreshToken.isBlank()) {
            Duration refreshLifetime = firstDuration(profile, json, rules, "refresh_expires_in", "refresh_token_expires_in");
            if (refreshLifetime == null) {
                refreshLifetime = rules.refreshTokenLifetime() != null ? rules.refreshTokenLifetime()
                        : DEFAULT_REFRESH_TOKEN_LIFETIME;
            }
            refreshTokenExpiresAt = now.plus(refreshLifetime);
        } else {
            refreshToken = null;
        }
        return new AccessToken(value, type == null ? "Bearer" : type, expiresAt, refreshToken, refreshTokenExpiresAt, now);
    }

    /**
     * Reads an error answer (or a non-2xx status) into an exception carrying the vendor's own words, with any of the
     * credential's secrets masked should the vendor echo them.
     *
     * @param secrets texts that must not appear in the message
     */
    public TokenEndpointException parseError(String profile, int status, byte[] body, Duration retryAfter,
                                             List<String> secrets) {
        JsonNode json = readObject(body);
        String error = null;
        String message = null;
        if (json != null) {
            error = firstText(json, "error", "code", "statusText");
            message = firstText(json, "error_description", "message", "error_message", "detail", "title");
            if (message == null && json.get("error") != null && json.get("error").isObject()) {
                // {"error": {"code": ..., "message": ...}}, as several APIs nest it
                error = firstText(json.get("error"), "code", "status");
                message = firstText(json.get("error"), "message");
            }
        } else if (body.length > 0) {
            message = "the answer is not JSON (" + body.length + " bytes)";
        }
        List<String> hidden = new ArrayList<>(secrets);
        if (json != null) {
            // an error answer that carries tokens anyway must not have them repeated in its message
            for (String field : List.of("access_token", "refresh_token", "id_token")) {
                String token = text(json, field);
                if (token != null && !token.isEmpty()) {
                    hidden.add(token);
                }
            }
        }
        return new TokenEndpointException(profile, status, scrub(error, hidden), scrub(message, hidden), retryAfter, null);
    }

    private Duration lifetime(String profile, JsonNode json, String value, ExpiryRules rules, Instant now) {
        Instant exp = jwtExpiry(value);
        if (exp != null) {
            return Duration.between(now, exp);
        }
        Duration expiresIn = firstDuration(profile, json, rules, "expires_in");
        return expiresIn != null ? expiresIn : rules.defaultLifetime();
    }

    private Duration bounded(String profile, Duration lifetime, ExpiryRules rules) {
        if (lifetime.compareTo(rules.minLifetime()) < 0) {
            warnOnce(profile, "short", "Profile '{}': the token endpoint gave a lifetime of {} s, below minLifetime {}; using "
                    + "{}. Check expiresInUnit.", seconds(lifetime), rules.minLifetime(), rules.minLifetime());
            return rules.minLifetime();
        }
        if (lifetime.compareTo(rules.maxLifetime()) > 0) {
            warnOnce(profile, "long", "Profile '{}': the token endpoint gave a lifetime of {} s, beyond maxLifetime {}; "
                    + "using {}. Check expiresInUnit.", seconds(lifetime), rules.maxLifetime(),
                    rules.maxLifetime());
            return rules.maxLifetime();
        }
        return lifetime;
    }

    /** A lifetime in seconds for a message; unlike {@code toMillis()}, it cannot overflow. */
    private static double seconds(Duration lifetime) {
        return lifetime.getSeconds() + lifetime.getNano() / 1e9;
    }

    private void warnOnce(String profile, String kind, String format, Object... args) {
        if (warned.add(profile + '/' + kind)) {
            Object[] all = new Object[args.length + 1];
            all[0] = profile;
            System.arraycopy(args, 0, all, 1, args.length);
            LOG.warn(format, all);
        }
    }

    /** The first of the fields present as a number or a numeric string, in the profile's unit. */
    private Duration firstDuration(String profile, JsonNode json, ExpiryRules rules, String... fields) {
        for (String field : fields) {
            JsonNode node = json.get(field);
            if (node == null || node.isNull()) {
                continue;
            }
            if (node.isNumber()) {
                return rules.expiresInUnit().toDuration(node.asDouble());
            }
            if (node.isTextual()) {
                try {
                    return rules.expiresInUnit().toDuration(Double.parseDouble(node.asText().trim()));
                } catch (NumberFormatException e) {
                    // fall through to the warning below
                }
            }
            warnOnce(profile, "unreadable-" + field, "Profile '{}': the token endpoint's {} is not a number; ignoring it",
                    field);
        }
        return null;
    }

    /** The {@code exp} claim of a JWT, or {@code null} when the token is no JWT or has none. Signatures are not checked. */
    Instant jwtExpiry(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            JsonNode exp = mapper.readTree(payload).get("exp");
            return exp != null && exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
        } catch (IllegalArgumentException | IOException | DateTimeException e) {
            // not a JWT, or an exp beyond the representable: the lifetime comes from expires_in instead
            return null;
        }
    }

    private JsonNode readObject(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static String firstText(JsonNode json, String... fields) {
        for (String field : fields) {
            String value = text(json, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String scrub(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        String clean = text;
        for (String secret : secrets) {
            clean = clean.replace(secret, MASK);
        }
        // scrubbed before cut, so that no half of a secret survives at the cut
        return clean.length() > MAX_MESSAGE ? clean.substring(0, MAX_MESSAGE) + "..." : clean;
    }
}
