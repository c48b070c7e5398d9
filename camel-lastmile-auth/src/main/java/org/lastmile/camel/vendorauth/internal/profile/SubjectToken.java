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

    /** The text the token was read from: the token itself, or an Authorization header holding it (no copy kept). */
    private final String text;
    private final int start;
    private final int end;
    private final Instant expiresAt;

    private SubjectToken(String text, int start, int end) {
        this.text = text;
        this.start = start;
        this.end = end;
        this.expiresAt = expiryOf(value());
    }

    /**
     * Reads a subject token: its {@code exp} when it is a JWT (signed or unsecured), none when it is opaque or encrypted.
     *
     * @throws IllegalArgumentException when it is empty or longer than {@link #MAX_LENGTH} (the message holds no token)
     */
    public static SubjectToken of(String value) {
        Objects.requireNonNull(value, "value");
        return checked(value, 0, value.length());
    }

    /**
     * The Bearer token of an {@code Authorization} header value (whatever the scheme's case), read as {@link #of} reads
     * a token; it keeps the header's text rather than a copy of the token. {@code null} when the header is no Bearer one.
     *
     * @throws IllegalArgumentException when the token is longer than {@link #MAX_LENGTH}
     */
    public static SubjectToken ofBearer(String authorization) {
        if (authorization == null || authorization.length() <= 7 || !authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
            return null;
        }
        int start = 7;
        int end = authorization.length();
        while (start < end && Character.isWhitespace(authorization.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(authorization.charAt(end - 1))) {
            end--;
        }
        return start == end ? null : checked(authorization, start, end);
    }

    private static SubjectToken checked(String text, int start, int end) {
        if (text.substring(start, end).isBlank() || end - start > MAX_LENGTH) {
            throw new IllegalArgumentException("The subject token is " + (end - start > MAX_LENGTH ? "longer than "
                    + MAX_LENGTH + " characters" : "empty"));
        }
        return new SubjectToken(text, start, end);
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

    /** The token as the caller sent it (a copy out of a header it came in, made when asked: at a token request). */
    public String value() {
        return start == 0 && end == text.length() ? text : text.substring(start, end);
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
        return other instanceof SubjectToken that && value().equals(that.value());
    }

    @Override
    public int hashCode() {
        return value().hashCode();
    }

    @Override
    public String toString() {
        return "SubjectToken[" + (expiresAt == null ? "no exp" : "exp=" + expiresAt) + "]";
    }
}
