package org.lastmile.camel.vendorauth.springboot;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's properties of named credentials as Camel's properties component sees them: listed under the names the
 * component asks for, whether written in kebab case or camel case; a parameter's name kept as written; values read from
 * the environment with Spring's placeholders resolved and Camel's left to the component; nothing else of the environment.
 */
class NamedCredentialsPropertiesSourceTest {

    private static final String ACME = "camel.vendorauth.credentials.acme.";

    @Test
    void listsAndFindsCredentialOptionsByTheirUriNames() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", Map.of(
                ACME + "client-id", "acme-client",
                ACME + "clientSecret", "${acme.secret}",
                "acme.secret", "s3cret",
                ACME + "tenant-id", "{{merchant.code}}",
                ACME + "param.merchant_code", "m-1",
                ACME + "param.x-y", "z",
                "camel.component.vendorauth.client-id", "not a credential")));
        NamedCredentialsPropertiesSource source = new NamedCredentialsPropertiesSource(environment);

        assertThat(source.loadProperties()).containsOnly(
                Map.entry(ACME + "clientId", "acme-client"),
                Map.entry(ACME + "clientSecret", "s3cret"),
                Map.entry(ACME + "tenantId", "{{merchant.code}}"),
                Map.entry(ACME + "param.merchant_code", "m-1"),
                Map.entry(ACME + "param.x-y", "z"));
        assertThat(source.loadProperties(key -> key.startsWith(ACME + "param."))).hasSize(2);
        assertThat(source.getProperty(ACME + "clientId")).isEqualTo("acme-client");
        assertThat(source.getProperty(ACME + "clientSecret")).isEqualTo("s3cret");
        assertThat(source.getProperty(ACME + "param.x-y")).isEqualTo("z");
        assertThat(source.getProperty(ACME + "scope")).isNull();
        assertThat(source.getProperty("camel.component.vendorauth.client-id")).isNull();
    }
}
