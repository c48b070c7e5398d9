package org.lastmile.camel.vendorauth.internal.profile;

import java.util.Locale;

/** How the client proves who it is to the token endpoint. */
public enum ClientAuthentication {
    /** RFC 6749 §2.3.1: {@code Authorization: Basic} of the form-encoded id and secret ({@code client_secret_basic}). */
    BASIC("basic"),
    /** {@code Authorization: Basic} of the raw {@code id:secret}, as several vendors document it. */
    BASIC_RAW("basic-raw"),
    /** {@code client_id} and {@code client_secret} in the request body ({@code client_secret_post}). */
    BODY("body"),
    /** No client credentials at all. */
    NONE("none"),
    /** RFC 7523 §2.2: a JWT client assertion signed with the client's private key. */
    PRIVATE_KEY_JWT("private_key_jwt"),
    /** RFC 7523 §2.2: a JWT client assertion signed with the client secret (HS256). */
    CLIENT_SECRET_JWT("client_secret_jwt"),
    /** RFC 8705 §2.1: the client certificate of mutual TLS; {@code client_id} in the body, no secret. */
    TLS_CLIENT_AUTH("tls_client_auth");

    private final String optionValue;

    ClientAuthentication(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The value as written in an endpoint option or a profile file. */
    public String optionValue() {
        return optionValue;
    }

    /** Whether the client authenticates with a signed JWT assertion. */
    public boolean signsAssertion() {
        return this == PRIVATE_KEY_JWT || this == CLIENT_SECRET_JWT;
    }

    /** Whether the method names the client: every method but {@link #NONE}. */
    public boolean needsClientId() {
        return this != NONE;
    }

    /** Whether the method sends or signs with the client secret. */
    public boolean needsClientSecret() {
        return this == BASIC || this == BASIC_RAW || this == CLIENT_SECRET_JWT;
    }

    /** Whether the method relies on a client certificate in the TLS handshake. */
    public boolean needsClientCertificate() {
        return this == TLS_CLIENT_AUTH;
    }

    /**
     * Reads an option value; the error names the option and the accepted values. The names identity providers print
     * ({@code client_secret_basic}, {@code client_secret_post}) are accepted for {@code basic} and {@code body}.
     */
    public static ClientAuthentication fromOption(String value) {
        String alias = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (alias.equals("client_secret_basic")) {
            return BASIC;
        }
        if (alias.equals("client_secret_post")) {
            return BODY;
        }
        return OptionValues.parse(ClientAuthentication.class, "clientAuthentication", value,
                ClientAuthentication::optionValue);
    }
}
