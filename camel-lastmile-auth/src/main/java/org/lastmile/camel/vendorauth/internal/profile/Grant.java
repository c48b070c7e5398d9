package org.lastmile.camel.vendorauth.internal.profile;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.lastmile.camel.vendorauth.spi.AccessToken;

/**
 * How a token request asks for its token: one record per grant, each knowing the parameters it sends, what of it names the
 * credential and what of it is secret. A new grant is one more record here and a name in {@link GrantType}; the wire, the
 * store and the policy need no change. Records that hold secrets mask them in {@code toString}.
 */
public sealed interface Grant permits Grant.ClientCredentials, Grant.Password, Grant.Refresh, Grant.OnBehalf {

    /** The value of the {@code grant_type} parameter. */
    String wireName();

    /** Writes {@code grant_type} and this grant's own parameters into a request body. */
    void writeTo(Map<String, String> body);

    /** What of this grant names the credential (no secret): part of the credential's id. */
    default List<String> identity() {
        return List.of();
    }

    /** The secret strings of this grant: key material of the credential, and masked in a vendor's words. */
    default List<String> secrets() {
        return List.of();
    }

    /**
     * What the vendor's answer may be used for: the token as answered, unless the grant bounds it (a token obtained on a
     * caller's behalf never outlives the caller's token).
     */
    default AccessToken bounded(AccessToken token) {
        return token;
    }

    /**
     * Whether asking again before {@code token} expires could give a longer-lived one: not when the token already ends
     * where this grant bounds it. A token that cannot be bettered is not refreshed ahead.
     */
    default boolean renewable(AccessToken token) {
        return true;
    }

    /**
     * A grant on behalf of a caller, whose token is handed over per exchange: the credential an endpoint is configured
     * with has no subject ({@link #subject()} {@code null}) and is never sent; each subject token makes a credential of its
     * own with {@link #withSubject}, keyed and sealed with it.
     */
    sealed interface OnBehalf extends Grant permits TokenExchange, JwtBearer {

        /** The caller's token, or {@code null} in the credential an endpoint is configured with. */
        SubjectToken subject();

        /** The same grant for that caller's token. */
        OnBehalf withSubject(SubjectToken subject);

        /** The caller's token; fails when there is none (a configured credential is never sent as such). */
        default String subjectValue() {
            if (subject() == null) {
                throw new IllegalStateException("grant " + wireName() + " has no subject token");
            }
            return subject().value();
        }

        /** The caller's token is key material: a result is sealed with it, and a vendor's words never repeat it. */
        @Override
        default List<String> secrets() {
            return subject() == null ? List.of() : List.of(subject().value());
        }

        /** Capped at the subject's {@code exp}; no refresh token kept: renewing is asking again with the subject. */
        @Override
        default AccessToken bounded(AccessToken token) {
            Instant end = subject() == null ? null : subject().expiresAt();
            boolean capped = end != null && token.expiresAt().isAfter(end);
            if (!capped && token.refreshToken() == null) {
                return token;
            }
            return new AccessToken(token.value(), token.type(), capped ? end : token.expiresAt(), null, null,
                    token.obtainedAt(), token.dpopKey());
        }

        @Override
        default boolean renewable(AccessToken token) {
            Instant end = subject() == null ? null : subject().expiresAt();
            return end == null || token.expiresAt().isBefore(end);
        }
    }

    /**
     * RFC 8693: token exchange; the caller's token sent as {@code subject_token}.
     *
     * @param subjectTokenType   {@code subject_token_type}
     * @param requestedTokenType {@code requested_token_type}, or {@code null} to let the server choose
     * @param subject            the caller's token, or {@code null} in the configured credential
     */
    record TokenExchange(String subjectTokenType, String requestedTokenType, SubjectToken subject) implements OnBehalf {

        /** The {@code grant_type} of RFC 8693. */
        public static final String URN = "urn:ietf:params:oauth:grant-type:token-exchange";
        /** The default {@code subject_token_type}: an OAuth access token. */
        public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

        public TokenExchange {
            Objects.requireNonNull(subjectTokenType, "subjectTokenType");
        }

        @Override
        public String wireName() {
            return URN;
        }

        @Override
        public void writeTo(Map<String, String> body) {
            body.put("grant_type", URN);
            body.put("subject_token", subjectValue());
            body.put("subject_token_type", subjectTokenType);
            if (requestedTokenType != null) {
                body.put("requested_token_type", requestedTokenType);
            }
        }

        @Override
        public List<String> identity() {
            return Arrays.asList(subjectTokenType, requestedTokenType);
        }

        @Override
        public OnBehalf withSubject(SubjectToken other) {
            return new TokenExchange(subjectTokenType, requestedTokenType, other);
        }

        @Override
        public String toString() {
            return "TokenExchange[subjectTokenType=" + subjectTokenType + ", requestedTokenType=" + requestedTokenType
                    + ", subject=" + subject + "]";
        }
    }

    /**
     * RFC 7523 §2.1: a JWT the caller handed over, sent as {@code assertion}.
     *
     * @param subject the caller's JWT, or {@code null} in the configured credential
     */
    record JwtBearer(SubjectToken subject) implements OnBehalf {

        /** The {@code grant_type} of RFC 7523 §2.1. */
        public static final String URN = "urn:ietf:params:oauth:grant-type:jwt-bearer";

        @Override
        public String wireName() {
            return URN;
        }

        @Override
        public void writeTo(Map<String, String> body) {
            body.put("grant_type", URN);
            body.put("assertion", subjectValue());
        }

        @Override
        public OnBehalf withSubject(SubjectToken other) {
            return new JwtBearer(other);
        }

        @Override
        public String toString() {
            return "JwtBearer[subject=" + subject + "]";
        }
    }

    /** RFC 6749 §4.4: the client's own credentials. */
    record ClientCredentials() implements Grant {
        @Override
        public String wireName() {
            return "client_credentials";
        }

        @Override
        public void writeTo(Map<String, String> body) {
            body.put("grant_type", wireName());
        }
    }

    /**
     * RFC 6749 §4.3: a user name and password. Deprecated by RFC 9700 (OAuth 2.0 Security BCP), kept because vendors such
     * as Shopgate and Winkelstraat require it.
     */
    record Password(String username, String password) implements Grant {
        public Password {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String wireName() {
            return "password";
        }

        @Override
        public void writeTo(Map<String, String> body) {
            body.put("grant_type", wireName());
            body.put("username", username);
            body.put("password", password);
        }

        @Override
        public List<String> identity() {
            return List.of(username);
        }

        @Override
        public List<String> secrets() {
            return List.of(password);
        }

        @Override
        public String toString() {
            return "Password[username=" + username + "]";
        }
    }

    /**
     * RFC 6749 §6: a refresh token, with the parameters of the primary request a vendor wants repeated. Never a
     * credential's own grant: a renewal the policy chooses.
     *
     * @param current the token whose refresh token is used
     * @param carried parameters of the primary request repeated in this one
     */
    record Refresh(AccessToken current, Map<String, String> carried) implements Grant {
        public Refresh {
            Objects.requireNonNull(current.refreshToken(), "refreshToken");
            carried = Collections.unmodifiableMap(new LinkedHashMap<>(carried));
        }

        @Override
        public String wireName() {
            return "refresh_token";
        }

        @Override
        public void writeTo(Map<String, String> body) {
            body.put("grant_type", wireName());
            body.put("refresh_token", current.refreshToken());
            body.putAll(carried);
        }

        /** The refresh token, and the access token it was for: a vendor refusing the refresh may name either. */
        @Override
        public List<String> secrets() {
            return Arrays.asList(current.refreshToken(), current.value());
        }

        @Override
        public String toString() {
            return "Refresh[carried=" + carried.keySet() + "]";
        }
    }
}
