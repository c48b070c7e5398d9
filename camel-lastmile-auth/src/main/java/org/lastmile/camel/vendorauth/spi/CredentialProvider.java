package org.lastmile.camel.vendorauth.spi;

import java.util.Map;

/**
 * The credentials an endpoint serves beside its own, by name: an exchange names one in the header
 * {@code CamelVendorAuthCredential}. The provider answers with that credential's endpoint options by their URI names
 * ({@code clientId}, {@code clientSecret}, {@code username}, {@code password}, {@code tenantId}, {@code scope},
 * {@code audience}, {@code resource}, {@code tokenUrl}, {@code param.<x>}, ...), which are laid over the endpoint's own
 * options. Values may hold property placeholders ({@code {{env:...}}}, Camel's vault functions): they are resolved each
 * time the credential is looked up.
 *
 * <p>
 * The component asks once per credential and keeps the answer; it asks again before a token is renewed and when the
 * token endpoint refuses the credential ({@code invalid_client}, {@code invalid_grant}, {@code unauthorized_client}), so
 * a secret rotated in a vault is used from the next token call on without a restart. It may be asked from several
 * threads at once, and off the exchange's thread.
 */
@FunctionalInterface
public interface CredentialProvider {

    /**
     * The options of the credential of that name.
     *
     * @param name the credential's name, as the exchange gave it
     * @return its options by URI name, or {@code null} when the provider knows no credential of that name
     */
    Map<String, String> credential(String name);
}
