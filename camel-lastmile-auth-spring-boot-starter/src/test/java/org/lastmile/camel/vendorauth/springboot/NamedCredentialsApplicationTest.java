package org.lastmile.camel.vendorauth.springboot;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.simulators.GenericOAuth2;
import org.lastmile.camel.simulators.SimulatorServer;
import org.lastmile.camel.simulators.VendorCredentials;
import org.lastmile.camel.vendorauth.VendorAuthConstants;
import org.lastmile.camel.vendorauth.spi.CredentialProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two tenants named in a Spring Boot application's properties alone, one route, each exchange choosing its tenant by the
 * header {@code CamelVendorAuthCredential}: every tenant gets its own token from its own vendor, once, and never the
 * other's. The properties are written as a user would after the IDE's completion (kebab case) or as the component names
 * its options (camel case), with a Spring placeholder and a Camel one for the secrets.
 */
class NamedCredentialsApplicationTest {

    private SimulatorServer northServer;
    private SimulatorServer southServer;
    private GenericOAuth2 north;
    private GenericOAuth2 south;
    private ConfigurableApplicationContext application;

    @BeforeEach
    void startVendors() throws Exception {
        northServer = new SimulatorServer();
        north = northServer.add(new GenericOAuth2(VendorCredentials.client("north-client", "north-secret"),
                Clock.systemUTC()));
        southServer = new SimulatorServer();
        south = southServer.add(new GenericOAuth2(VendorCredentials.client("south-client", "south-secret"),
                Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        if (application != null) {
            application.close();
        }
        northServer.close();
        southServer.close();
    }

    @Test
    void eachExchangeGetsTheTokenOfTheTenantItNames() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("camel.component.vendorauth.token-store",
                "#class:org.lastmile.camel.vendorauth.spi.InMemoryTokenStore");
        properties.put("camel.vendorauth.credentials.north.token-url", north.tokenUrl());
        properties.put("camel.vendorauth.credentials.north.client-id", "north-client");
        properties.put("camel.vendorauth.credentials.north.client-secret", "${tenants.north.secret}");
        properties.put("tenants.north.secret", "north-secret");
        properties.put("camel.vendorauth.credentials.south.tokenUrl", south.tokenUrl());
        properties.put("camel.vendorauth.credentials.south.clientId", "south-client");
        properties.put("camel.vendorauth.credentials.south.clientSecret", "{{tenants.south.secret}}");
        properties.put("tenants.south.secret", "south-secret");
        application = new SpringApplicationBuilder(Application.class).properties(properties).run();
        ProducerTemplate template = application.getBean(ProducerTemplate.class);

        for (String tenant : List.of("north", "south", "south", "north", "north", "south")) {
            Exchange exchange = template.request("direct:call",
                    e -> e.getIn().setHeader(VendorAuthConstants.CREDENTIAL, tenant));
            assertThat(exchange.getException()).isNull();
            String authorization = exchange.getMessage().getHeader(VendorAuthConstants.AUTHORIZATION, String.class);
            GenericOAuth2 own = tenant.equals("north") ? north : south;
            GenericOAuth2 other = tenant.equals("north") ? south : north;
            assertThat(own.issuedFor(authorization)).as(tenant).isNotNull();
            assertThat(other.issuedFor(authorization)).as(tenant).isNull();
        }
        assertThat(north.tokenCalls()).isEqualTo(1);
        assertThat(south.tokenCalls()).isEqualTo(1);

        Exchange unknown = template.request("direct:call", e -> e.getIn().setHeader(VendorAuthConstants.CREDENTIAL, "west"));
        assertThat(unknown.getException()).hasMessageContaining("'west'");
        assertThat(north.tokenCalls() + south.tokenCalls()).isEqualTo(2);
    }

    @Test
    void aProviderBeanNamedByThePropertyServesTheCredentials() {
        application = new SpringApplicationBuilder(Application.class, ProviderConfiguration.class).properties(Map.of(
                "camel.component.vendorauth.token-store", "#class:org.lastmile.camel.vendorauth.spi.InMemoryTokenStore",
                "camel.component.vendorauth.credential-provider", "#bean:vault",
                "camel.component.vendorauth.token-url", south.tokenUrl())).run();
        ProducerTemplate template = application.getBean(ProducerTemplate.class);

        Exchange exchange = template.request("direct:call", e -> e.getIn().setHeader(VendorAuthConstants.CREDENTIAL, "east"));

        assertThat(exchange.getException()).isNull();
        assertThat(south.issuedFor(exchange.getMessage().getHeader(VendorAuthConstants.AUTHORIZATION, String.class)))
                .isNotNull();
    }

    /** A vault of one credential, as a user's provider bean. */
    static class ProviderConfiguration {

        @Bean
        CredentialProvider vault() {
            return name -> name.equals("east") ? Map.of("clientId", "south-client", "clientSecret", "south-secret") : null;
        }
    }

    /** An application with one route and one endpoint, whose options name no credential of their own. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        RouteBuilder route() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:call").to("vendorauth:oauth2");
                }
            };
        }
    }
}
