package org.lastmile.camel.vendorauth.internal.profile;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;

/**
 * The token a caller handed over, on whose behalf a token is asked for (RFC 8693 {@code subject_token}, RFC 7523
 * {@code assertion}). When it is a JWT its {@code exp} is read without verifying the signature: that is the authorization
 * server's job, and the expiry only bounds how long a result is used. Its text is a secret: it is key material of the
 * credential it makes (a result is sealed with it), and {@link #toString()} never shows it.
 */
public final class SubjectToken {

    /** The longest subject token taken: a JWT of a few kilobytes is usual; anything larger is refused, not kept. */
    public static final int MAX_LENGTH = 16 * 1024;

    private final String value;
    private final Instant expiresAt;

    private SubjectToken(String value, Instant expiresAt) {
        this.value = value;
        this.expiresAt = expiresAt;
    }

    /**
     * Reads a subject token: its {@code exp} when it is a JWT (signed or unsecured), none when it is opaque or encrypted.
     *
     * @throws IllegalArgumentException when it is empty or longer than {@link #MAX_LENGTH} (the message holds no token)
     */
    public static SubjectToken of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The subject token is " + (value.isBlank() ? "empty" : "longer than "
                    + MAX_LENGTH + " characters"));
        }
        return new SubjectToken(value, expiryOf(value));
    }

    private static Instant expiryOf(String value) {
        // a JWT has two dots (JWS) or four (JWE); an opaque token rarely parses, and costs one scan when it does not
        if (value.indexOf('.') < 0) {
            return null;
        }
        try {
            JWT jwt = JWTParser.parse(value);
            Date exp = jwt.getJWTClaimsSet().getExpirationTime();
            return exp == null ? null : exp.toInstant();
        } catch (ParseException | RuntimeException notReadable) {
            // encrypted, or not a JWT at all: opaque to us, its lifetime the authorization server's business
            return null;
        }
    }

    /** The token as the caller sent it. */
    public String value() {
        return value;
    }

    /** Its {@code exp} claim, or {@code null} when it is opaque or names none. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Whether it has expired by {@code now}, or will within {@code margin} milliseconds; never for an opaque token. */
    public boolean expiredBy(long nowMillis, long marginMillis) {
        return expiresAt != null && nowMillis + marginMillis >= expiresAt.toEpochMilli();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubjectToken that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "SubjectToken[" + (expiresAt == null ? "no exp" : "exp=" + expiresAt) + "]";
    }
}
