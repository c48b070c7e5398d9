package org.lastmile.camel.vendorauth.internal.profile;

import java.util.Objects;

/**
 * The OAuth client of a credential and how it proves who it is to the token endpoint. Holds the client secret, so
 * {@link #toString()} names only what is safe.
 *
 * @param id             the client id, or {@code null} when the vendor knows no client
 * @param secret         the client secret, or {@code null}
 * @param authentication client authentication on the primary grant
 * @param assertion      how client assertions are signed, when an authentication signs them; else {@code null}
 */
public record Client(String id, String secret, ClientAuthentication authentication, ClientAssertion assertion) {

    public Client {
        Objects.requireNonNull(authentication, "authentication");
    }

    @Override
    public String toString() {
        return "Client[id=" + id + ", authentication=" + authentication.optionValue() + ", assertion=" + assertion + "]";
    }
}
