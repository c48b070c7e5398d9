package org.lastmile.camel.vendorauth.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A token as the vendor issued it. {@link #toString()} shows no token text: only a short fingerprint to tell tokens apart.
 *
 * @param value                 the access token itself
 * @param type                  the {@code token_type} the vendor answered (informational: the header always says
 *                              {@code Bearer}, or {@code DPoP} for a token bound to a key)
 * @param expiresAt             when it stops being valid
 * @param refreshToken          the refresh token, or {@code null}
 * @param refreshTokenExpiresAt when the refresh token stops being valid, or {@code null} when unknown
 * @param obtainedAt            when the vendor issued it
 * @param dpopKey               the key the token is bound to (DPoP, RFC 9449), or {@code null} for a bearer token
 */
public record AccessToken(
        String value,
        String type,
        Instant expiresAt,
        String refreshToken,
        Instant refreshTokenExpiresAt,
        Instant obtainedAt,
        DpopKey dpopKey) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        // the usual types as one shared literal, not a copy per token parsed
        type = switch (type) {
            case "Bearer" -> "Bearer";
            case "bearer" -> "bearer";
            case "DPoP" -> "DPoP";
            default -> type;
        };
    }

    /** A bearer token: bound to no key. */
    public AccessToken(String value, String type, Instant expiresAt, String refreshToken, Instant refreshTokenExpiresAt,
                       Instant obtainedAt) {
        this(value, type, expiresAt, refreshToken, refreshTokenExpiresAt, obtainedAt, null);
    }

    /** This token, bound to {@code key}. */
    public AccessToken boundTo(DpopKey key) {
        return new AccessToken(value, type, expiresAt, refreshToken, refreshTokenExpiresAt, obtainedAt, key);
    }

    /** How long the vendor let it live. */
    public Duration lifetime() {
        return Duration.between(obtainedAt, expiresAt);
    }

    /** Whether a refresh token is at hand and, as far as is known, still valid at {@code now}. */
    public boolean hasUsableRefreshToken(Instant now) {
        return refreshToken != null && (refreshTokenExpiresAt == null || now.isBefore(refreshTokenExpiresAt));
    }

    /**
     * This token, carrying the previous token's refresh token when the vendor's answer had none (RFC 6749 §6: the client
     * keeps using the refresh token it has).
     */
    public AccessToken keepingRefreshTokenOf(AccessToken previous) {
        if (refreshToken != null || previous == null || previous.refreshToken == null) {
            return this;
        }
        return new AccessToken(value, type, expiresAt, previous.refreshToken, previous.refreshTokenExpiresAt, obtainedAt,
                dpopKey);
    }

    /**
     * Until when a store must keep this token: the later of the two tokens' ends, so that a renewal after an idle spell
     * still finds the refresh token. (A refresh token whose lifetime the vendor does not state is given the profile's
     * {@code refreshTokenLifetime}, else a default of days, when the answer is read.)
     */
    public Instant keepUntil() {
        return refreshTokenExpiresAt != null && refreshTokenExpiresAt.isAfter(expiresAt) ? refreshTokenExpiresAt
                : expiresAt;
    }

    /** A short, non-reversible name for this token, safe for logs and comparisons across members. */
    public String fingerprint() {
        return fingerprintOf(value);
    }

    /** The fingerprint a token of that text would have. */
    public static String fingerprintOf(String tokenValue) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tokenValue.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "AccessToken[fingerprint=" + fingerprint() + ", type=" + type + ", obtainedAt=" + obtainedAt + ", expiresAt="
                + expiresAt + ", refreshToken=" + (refreshToken == null ? "none" : "present")
                + (refreshTokenExpiresAt == null ? "" : ", refreshTokenExpiresAt=" + refreshTokenExpiresAt)
                + (dpopKey == null ? "" : ", dpop=" + dpopKey.thumbprint()) + "]";
    }
}
