package org.lastmile.camel.vendorauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.lastmile.camel.vendorauth.spi.CredentialProvider;

/**
 * Credentials named in properties, for users who write no Java: {@code camel.vendorauth.credentials.<name>.<option>}, with
 * any endpoint option by its URI name ({@code clientId}, {@code clientSecret}, {@code tenantId}, {@code param.<x>}, ...).
 * Read through Camel's properties component each time a credential is looked up, so {@code {{env:...}}} and vault
 * functions in the values are resolved then, and a changed value is seen at the next look-up. Used by endpoints that
 * are given no {@code credentialProvider}.
 */
public final class PropertiesCredentialProvider implements CredentialProvider {

    /** Where credentials are named: the prefix, then the credential's name, a dot and the option. */
    public static final String PREFIX = "camel.vendorauth.credentials.";

    private final CamelContext context;

    public PropertiesCredentialProvider(CamelContext context) {
        this.context = context;
    }

    @Override
    public Map<String, String> credential(String name) {
        String prefix = PREFIX + name + ".";
        Map<String, String> options = new LinkedHashMap<>();
        PropertiesComponent properties = context.getPropertiesComponent();
        // option names are known from the catalog, so each is looked up by its key: that finds it in any property source
        for (String option : context.getCamelContextExtension().getEndpointUriFactory(VendorAuthEndpoint.SCHEME)
                .propertyNames()) {
            Optional<String> value = properties.resolveProperty(prefix + option);
            value.ifPresent(v -> options.put(option, v));
        }
        // param.<x> names are the user's own: found among the properties that can be listed
        Properties listed = properties.loadProperties(key -> key.startsWith(prefix + "param."));
        listed.stringPropertyNames().forEach(key -> properties.resolveProperty(key)
                .ifPresent(v -> options.put(key.substring(prefix.length()), v)));
        return options.isEmpty() ? null : options;
    }

    /** Whether any credential is named in the properties that can be listed. */
    boolean declaresAny() {
        return !context.getPropertiesComponent().loadProperties(key -> key.startsWith(PREFIX)).isEmpty();
    }

    @Override
    public String toString() {
        return "PropertiesCredentialProvider[" + PREFIX + "<name>.<option>]";
    }
}
