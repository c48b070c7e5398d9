package org.lastmile.camel.vendorauth.internal.profile;

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
public sealed interface Grant permits Grant.ClientCredentials, Grant.Password, Grant.Refresh {

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
