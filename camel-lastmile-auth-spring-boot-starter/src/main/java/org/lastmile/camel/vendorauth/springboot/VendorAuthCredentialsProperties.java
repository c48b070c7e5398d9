package org.lastmile.camel.vendorauth.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The credentials named in properties, {@code camel.vendorauth.credentials.<name>.<option>}, as the IDE shows them: each
 * name holds the options of a credential ({@link VendorAuthCredentialProperties}, generated from the component's catalog
 * with their descriptions). Spring never binds this class: the component reads these properties itself each time it looks
 * a credential up (through {@link NamedCredentialsPropertiesSource}), so that placeholders are resolved then and a changed
 * value is seen; a bound copy would hold secrets in a bean for nothing.
 */
@ConfigurationProperties(prefix = "camel.vendorauth")
public class VendorAuthCredentialsProperties {

    /**
     * Credentials an exchange chooses by name in the header CamelVendorAuthCredential, each with the options of an
     * endpoint that make a credential (client-id, client-secret, tenant-id, scope, token-url, param.x, ...), laid over the
     * options of the endpoint that serves it. Values may hold placeholders, resolved when the credential is looked up.
     */
    private Map<String, VendorAuthCredentialProperties> credentials = new LinkedHashMap<>();

    public Map<String, VendorAuthCredentialProperties> getCredentials() {
        return credentials;
    }

    public void setCredentials(Map<String, VendorAuthCredentialProperties> credentials) {
        this.credentials = credentials;
    }
}
