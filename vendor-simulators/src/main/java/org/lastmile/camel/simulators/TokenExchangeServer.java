package org.lastmile.camel.simulators;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An authorization server that acts on behalf of callers, strictly as RFC 8693 (token exchange) and RFC 7523 §2.1 (JWT
 * bearer grant) say, served as {@code delegation}: {@code POST /token}.
 *
 * <ul>
 * <li>The client authenticates by {@code client_secret_basic} (Basic of the form-encoded id and secret, RFC 6749 §2.3.1)
 * or {@code client_secret_post} ({@code client_id} and {@code client_secret} in the body), never both (§2.3).</li>
 * <li>Token exchange: {@code subject_token} and {@code subject_token_type} are required; the type must be the one the
 * server expects for its subjects; {@code requested_token_type}, {@code audience}, {@code resource} and {@code scope} are
 * optional, and an audience or resource it does not serve is {@code invalid_target}. No other field (an
 * {@code actor_token} included) is taken.</li>
 * <li>JWT bearer: exactly {@code assertion} (and {@code scope}).</li>
 * <li>A subject is a JWT this server's identity provider minted ({@link #subject}), HS256, unexpired: anything else is
 * {@code invalid_grant}; so is a subject it was told to refuse ({@link #refuseSubject}).</li>
 * <li>The token issued never outlives the subject's {@code exp}; the answer carries {@code issued_token_type} (RFC 8693
 * §2.2.1).</li>
 * </ul>
 * Tests read the calls per subject ({@link #exchanges}) and whose token an API call carried ({@link #callerOf}).
 */
public final class TokenExchangeServer extends VendorSimulator {

    /** {@code grant_type} of RFC 8693. */
    public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    /** {@code grant_type} of RFC 7523 §2.1. */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** Token type of an access token (RFC 8693 §3). */
    public static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    /** Token type of a JWT (RFC 8693 §3). */
    public static final String JWT = "urn:ietf:params:oauth:token-type:jwt";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOKEN_TYPES = Set.of(ACCESS_TOKEN, JWT,
            "urn:ietf:params:oauth:token-type:id_token", "urn:ietf:params:oauth:token-type:refresh_token");

    private final Clock clock;
    private final byte[] idpKey = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
    private final Map<String, AtomicInteger> exchangesBySubject = new ConcurrentHashMap<>();
    private final Map<String, String> callers = new ConcurrentHashMap<>();
    private final Set<String> refusedSubjects = ConcurrentHashMap.newKeySet();
    private final Set<String> targets = ConcurrentHashMap.newKeySet();
    private volatile String subjectTokenType = ACCESS_TOKEN;

    /** A server with one client that accepts {@code credentials}; {@code clock} tells when tokens expire. */
    public TokenExchangeServer(VendorCredentials credentials, Clock clock) {
        super("delegation", "/token", "/api/orders", credentials, clock);
        this.clock = clock;
        targets.add("https://api.example.com");
        targets.add("orders-api");
    }

    /**
     * A subject token of the server's identity provider for {@code user}, expiring in {@code lifetime}, about {@code size}
     * characters long (padded with a claim), as a caller's application would hand it over.
     */
    public String subject(String user, Duration lifetime, int size) {
        long exp = clock.instant().plus(lifetime).getEpochSecond();
        String claims = "{\"iss\":\"simulated-idp\",\"sub\":" + quoted(user) + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"exp\":" + exp + ",\"pad\":\"";
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        int pad = Math.max(0, (size - header.length() - 50) * 3 / 4 - claims.length() - 2);
        String body = encode(claims + "x".repeat(pad) + "\"}");
        return header + "." + body + "." + BASE64URL.encodeToString(mac(header + "." + body));
    }

    /** A subject token of about a kilobyte, as an identity provider's access token is. */
    public String subject(String user, Duration lifetime) {
        return subject(user, lifetime, 1024);
    }

    /** The server refuses {@code subjectToken} with {@code invalid_grant}, as after the user was disabled. */
    public void refuseSubject(String subjectToken) {
        refusedSubjects.add(subjectToken);
    }

    /** The {@code subject_token_type} the server expects; the access token type unless told. */
    public void subjectTokenType(String type) {
        this.subjectTokenType = type;
    }

    /** Also serves {@code target} as an audience or resource. */
    public void serve(String target) {
        targets.add(target);
    }

    /** Forgets the tokens issued and the subjects counted so far: for measurements of the client's memory. */
    public void forgetCallers() {
        forgetIssuedTokens();
        callers.clear();
        exchangesBySubject.clear();
    }

    /** Token requests with this subject token (or assertion), granted or not. */
    public int exchanges(String subjectToken) {
        AtomicInteger calls = exchangesBySubject.get(fingerprint(subjectToken));
        return calls == null ? 0 : calls.get();
    }

    /** The subject tokens asked about at all, by count: one per caller when the client caches well. */
    public Map<String, Integer> exchangesBySubject() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        exchangesBySubject.forEach((subject, calls) -> counts.put(subject, calls.get()));
        return counts;
    }

    /** The user on whose behalf the token an {@code Authorization: Bearer} header carries was issued, or {@code null}. */
    public String callerOf(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ")
                ? callers.get(authorization.substring("Bearer ".length())) : null;
    }

    @Override
    protected Answer grant(Request request) {
        Map<String, String> form = request.form();
        if (form == null) {
            return refuse("not a well-formed form", error(400, "invalid_request", "a form body is required"));
        }
        Answer unauthenticated = authenticate(request, form);
        if (unauthenticated != null) {
            return unauthenticated;
        }
        String grant = form.get("grant_type");
        String subject;
        Set<String> allowed = new HashSet<>(List.of("grant_type", "client_id", "client_secret", "scope"));
        if (TOKEN_EXCHANGE.equals(grant)) {
            allowed.addAll(List.of("subject_token", "subject_token_type", "requested_token_type", "audience", "resource"));
            subject = form.get("subject_token");
            if (subject == null || form.get("subject_token_type") == null) {
                return refuse("subject_token or subject_token_type missing", error(400, "invalid_request",
                        "subject_token and subject_token_type are required"));
            }
            if (!subjectTokenType.equals(form.get("subject_token_type"))) {
                return refuse("subject_token_type " + form.get("subject_token_type"), error(400, "invalid_request",
                        "unsupported subject_token_type"));
            }
            String requested = form.get("requested_token_type");
            if (requested != null && !TOKEN_TYPES.contains(requested)) {
                return refuse("requested_token_type " + requested, error(400, "invalid_request",
                        "unsupported requested_token_type"));
            }
            for (String target : new String[] {form.get("audience"), form.get("resource")}) {
                if (target != null && !targets.contains(target)) {
                    return refuse("target " + target, error(400, "invalid_target", "unknown audience or resource"));
                }
            }
        } else if (JWT_BEARER.equals(grant)) {
            allowed.add("assertion");
            subject = form.get("assertion");
            if (subject == null) {
                return refuse("assertion missing", error(400, "invalid_request", "assertion is required"));
            }
        } else {
            return refuse("grant_type " + grant, error(400, "unsupported_grant_type", "token exchange or JWT bearer only"));
        }
        if (!allowed.containsAll(form.keySet())) {
            Set<String> extra = new HashSet<>(form.keySet());
            extra.removeAll(allowed);
            return refuse("fields not taken: " + extra, error(400, "invalid_request", "unexpected parameters " + extra));
        }
        exchangesBySubject.computeIfAbsent(fingerprint(subject), key -> new AtomicInteger()).incrementAndGet();
        return issueFor(subject, grant, form);
    }

    private Answer issueFor(String subject, String grant, Map<String, String> form) {
        JsonNode claims = verified(subject);
        if (claims == null || refusedSubjects.contains(subject)) {
            return refuse("subject refused", error(400, "invalid_grant", "the subject token is invalid"));
        }
        Instant subjectExp = Instant.ofEpochSecond(claims.path("exp").asLong());
        Instant now = clock.instant();
        if (!now.isBefore(subjectExp)) {
            return refuse("subject expired", error(400, "invalid_grant", "the subject token has expired"));
        }
        Duration life = lifetime();
        if (now.plus(life).isAfter(subjectExp)) {
            life = Duration.between(now, subjectExp);
        }
        // opaque: a JWT's exp would have to say the same as expires_in, which is what is under test
        IssuedToken token = issue(grant, form.get("audience"));
        callers.put(token.value(), claims.path("sub").asText());
        String issuedType = TOKEN_EXCHANGE.equals(grant) ? ",\"issued_token_type\":\"" + ACCESS_TOKEN + "\"" : "";
        return Answer.ok("{\"access_token\":\"" + token.value() + "\"" + issuedType + ",\"token_type\":\"Bearer\","
                + "\"expires_in\":" + Math.max(1, life.toSeconds()) + "}");
    }

    /** The client's authentication: Basic or the body, exactly one of them, with the client's id and secret. */
    private Answer authenticate(Request request, Map<String, String> form) {
        VendorCredentials client = credentials();
        String basic = request.header("Authorization");
        boolean inBody = form.containsKey("client_secret") || form.containsKey("client_id");
        if (basic != null && inBody) {
            return refuse("two client authentication methods", error(400, "invalid_request",
                    "more than one client authentication method"));
        }
        boolean valid = basic != null ? basic.equals(basic(formEncode(client.clientId()), formEncode(client.clientSecret())))
                : client.clientId().equals(form.get("client_id")) && client.clientSecret().equals(form.get("client_secret"));
        return valid ? null : refuse("client not authenticated", error(401, "invalid_client", "client authentication failed"));
    }

    /** The claims of a subject this server's identity provider minted, or {@code null}. */
    private JsonNode verified(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3 || !MessageDigest.isEqual(BASE64URL.encodeToString(mac(parts[0] + "." + parts[1]))
                .getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.hasNonNull("exp") && claims.hasNonNull("sub") ? claims : null;
        } catch (Exception e) {
            return null;
        }
    }

    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(idpKey, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String formEncode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Answer error(int status, String code, String description) {
        return new Answer(status, "{\"error\":\"" + code + "\",\"error_description\":" + quoted(description) + "}");
    }

    @Override
    protected Answer refusal(String message) {
        return error(503, "temporarily_unavailable", message);
    }

    @Override
    protected Answer apiRefusal() {
        return new Answer(401, "{\"error\":\"invalid_token\"}");
    }
}
