package org.lastmile.camel.vendorauth;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.spi.CredentialProvider;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.TokenServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/**
 * Many credentials through one endpoint: the header {@code CamelVendorAuthCredential} names one, a
 * {@link CredentialProvider} (or properties) gives its options over the endpoint's, and each gets its own token, its own
 * failures, and its secret rotated without a restart.
 */
class NamedCredentialsTest {

    private final Map<String, Map<String, String>> vault = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private TokenServer vendor;
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        vendor = TokenServer.http();
        for (String merchant : new String[] { "m1", "m2", "m3" }) {
            vendor.accept("client-" + merchant, "secret-" + merchant);
            vault.put(merchant, Map.of("clientId", "client-" + merchant, "clientSecret", "secret-" + merchant,
                    "tenantId", merchant));
        }
        camel = application(component());
    }

    /** A component on an in-memory store. */
    private static VendorAuthComponent component() {
        VendorAuthComponent component = new VendorAuthComponent();
        component.setTokenStore(new InMemoryTokenStore());
        return component;
    }

    /** An application whose routes enrich and invalidate for the credentials of {@link #vault}, and count look-ups. */
    private CamelContext application(VendorAuthComponent component) throws Exception {
        CredentialProvider provider = name -> {
            lookups.incrementAndGet();
            if (name.equals("broken")) {
                throw new IllegalStateException("vault unreachable");
            }
            return vault.get(name);
        };
        return CamelApplications.start(component, new RouteBuilder() {
            @Override
            public void configure() {
                getContext().getRegistry().bind("vault", provider);
                getContext().getRegistry().bind("meters", meters);
                from("direct:api").to("vendorauth:oauth2?tokenUrl=" + vendor.tokenUrl() + "&credentialProvider=#vault");
                from("direct:invalidate").to("vendorauth:oauth2?tokenUrl=" + vendor.tokenUrl()
                        + "&credentialProvider=#vault&operation=invalidate");
            }
        });
    }

    @AfterEach
    void stop() {
        camel.stop();
        vendor.close();
    }

    private Exchange call(String credential) {
        return camel.createProducerTemplate().request("direct:api",
                exchange -> exchange.getMessage().setHeader(VendorAuthConstants.CREDENTIAL, credential));
    }

    private String token(String credential) {
        Exchange done = call(credential);
        assertThat(done.getException()).isNull();
        return done.getMessage().getHeader("Authorization", String.class);
    }

    @Test
    void theNamedCredentialsLeaveWithTheLastEndpointThatServesThem() throws Exception {
        VendorAuthComponent component = camel.getComponent("vendorauth", VendorAuthComponent.class);
        WritableHealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(camel, "producers",
                WritableHealthCheckRepository.class);
        producers.setEnabled(true);
        assertThat(token("m1")).startsWith("Bearer issued-client-m1-");
        assertThat(component.namedCredentialSets()).as("enrich and invalidate share one set").isEqualTo(1);
        assertThat(producers.stream().filter(check -> check.getId().contains("-named-"))).hasSize(1);

        List<String> routes = camel.getRoutes().stream().map(Route::getId).toList();
        camel.getRouteController().stopRoute(routes.get(0));
        camel.removeRoute(routes.get(0));
        assertThat(component.namedCredentialSets()).as("the other endpoint still serves them").isEqualTo(1);
        camel.getRouteController().stopRoute(routes.get(1));
        camel.removeRoute(routes.get(1));

        assertThat(component.namedCredentialSets()).isZero();
        assertThat(producers.stream().filter(check -> check.getId().contains("-named-"))).isEmpty();
    }

    @Test
    void eachNamedCredentialHasItsOwnTokenAskedOnceAndTheProviderIsNotAskedPerExchange() {
        for (int round = 0; round < 20; round++) {
            assertThat(token("m1")).startsWith("Bearer issued-client-m1-1-");
            assertThat(token("m2")).startsWith("Bearer issued-client-m2-1-");
            assertThat(token("m3")).startsWith("Bearer issued-client-m3-1-");
        }
        assertThat(vendor.tokensIssuedTo("client-m1")).isEqualTo(1);
        assertThat(vendor.tokensIssuedTo("client-m2")).isEqualTo(1);
        assertThat(lookups).as("one look-up per credential, none per exchange").hasValue(3);
        assertThat(vendor.requests()).extracting(request -> request.form().get("tenantId"))
                .containsExactlyInAnyOrder("m1", "m2", "m3");
    }

    @Test
    void namedCredentialsMakeNoMeterSeriesUnlessAsked() throws Exception {
        token("m1");
        token("m2");
        assertThat(meters.getMeters()).as("no series per tenant by default")
                .noneMatch(meter -> String.valueOf(meter.getId().getTag("credential")).contains("client-m"));

        camel.stop();
        VendorAuthComponent component = component();
        component.setMetersPerCredential(true);
        camel = application(component);
        token("m1");
        token("m2");
        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getTag("credential")).filteredOn(
                tag -> tag != null && tag.contains("client-m")).as("a series per tenant when asked")
                .anyMatch(tag -> tag.contains("client-m1")).anyMatch(tag -> tag.contains("client-m2"));
    }

    @Test
    void anUnknownOddOrBrokenCredentialFailsItsExchangeNamingItAndCostsNoTokenCall() {
        Exchange unknown = call("m9");
        assertThat(unknown.getException()).hasMessageContaining("No credential named 'm9'");

        Exchange odd = call("x".repeat(10_000));
        assertThat(odd.getException()).hasMessageContaining("is not a credential name").hasMessageNotContaining("xxxx");

        Exchange broken = call("broken");
        assertThat(broken.getException()).hasMessageContaining("credential 'broken'")
                .hasRootCauseMessage("vault unreachable");

        vault.put("half", Map.of("clientId", "client-half"));
        Exchange missing = call("half");
        assertThat(missing.getException()).hasMessageContaining("Credential 'half'").hasMessageContaining("clientSecret");

        assertThat(vendor.requests()).isEmpty();
        assertThat(camel.getComponent("vendorauth", VendorAuthComponent.class).credentialsInUse()).isZero();
    }

    @Test
    void withoutTheHeaderAnEndpointThatServesNamedCredentialsSaysWhatItsOwnOptionsLack() {
        Exchange done = camel.createProducerTemplate().request("direct:api", exchange -> { });
        assertThat(done.getException()).hasMessageContaining("CamelVendorAuthCredential")
                .hasMessageContaining("clientId");
    }

    @Test
    void aRefusedTenantFailsAloneAndItsRotatedSecretIsUsedWithoutAFailedExchange() {
        assertThat(token("m1")).startsWith("Bearer issued-client-m1-");
        assertThat(token("m2")).startsWith("Bearer issued-client-m2-");

        // the vendor rotates m2's secret; the vault does not know yet: only m2 fails, with the vendor's words
        vendor.accept("client-m2", "secret-m2-new");
        camel.createProducerTemplate().request("direct:invalidate", exchange -> {
            exchange.getMessage().setHeader(VendorAuthConstants.CREDENTIAL, "m2");
            exchange.getMessage().setHeader("Authorization", token("m2"));
        });
        for (int i = 0; i < 5; i++) {
            Exchange refused = call("m2");
            assertThat(refused.getException()).isInstanceOfSatisfying(TokenEndpointException.class,
                    e -> assertThat(e.getError()).isEqualTo("invalid_client"));
            assertThat(token("m1")).startsWith("Bearer issued-client-m1-1-");
        }
        WritableHealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(camel, "producers",
                WritableHealthCheckRepository.class);
        producers.setEnabled(true);
        HealthCheck check = producers.stream().filter(c -> c.getId().contains("-named-")).findFirst().orElseThrow();
        HealthCheck.Result health = check.call();
        assertThat(health.getState()).as("one of two failing is not most").isEqualTo(HealthCheck.State.UP);
        assertThat(health.getDetails()).containsEntry("credentials.failing.names", "m2");

        // the vault learns the new secret: the next exchange meets the refusal and is answered with the renewed token
        vault.put("m2", Map.of("clientId", "client-m2", "clientSecret", "secret-m2-new", "tenantId", "m2"));
        assertThat(token("m2")).startsWith("Bearer issued-client-m2-2-");
        assertThat(token("m2")).startsWith("Bearer issued-client-m2-2-");
        assertThat(vendor.tokensIssuedTo("client-m2")).isEqualTo(2);
        assertThat(check.call().getDetails()).doesNotContainKey("credentials.failing.names");
    }

    @Test
    void namedCredentialsCountTowardMaxCredentialsAndLeaveWhenIdle() throws Exception {
        VendorAuthComponent component = camel.getComponent("vendorauth", VendorAuthComponent.class);
        assertThat(token("m1")).startsWith("Bearer issued-client-m1-1-");
        assertThat(token("m2")).startsWith("Bearer issued-client-m2-1-");
        assertThat(component.credentialsInUse()).isEqualTo(2);

        camel.stop();
        component = component();
        component.setMaxCredentials(2);
        component.setCredentialIdleTimeout(300);
        camel = application(component);
        assertThat(token("m1")).startsWith("Bearer issued-client-m1-2-");
        assertThat(token("m2")).startsWith("Bearer issued-client-m2-2-");
        assertThat(call("m3").getException()).hasMessageContaining("maxCredentials");

        VendorAuthComponent running = component;
        eventually("the idle credentials left", () -> running.credentialsInUse() == 0);
        assertThat(token("m3")).as("room again once the others went idle").startsWith("Bearer issued-client-m3-");
    }

    @Test
    void credentialsNamedInPropertiesWithPlaceholdersResolvedAtLookUp() throws Exception {
        vendor.accept("client-p", "secret-p");
        Main main = new Main();
        main.addInitialProperty("vault.p", "secret-p");
        main.addInitialProperty("camel.component.vendorauth.token-store",
                "#class:org.lastmile.camel.vendorauth.spi.InMemoryTokenStore");
        main.addInitialProperty("camel.component.vendorauth.health-check-producer-enabled", "false");
        main.addInitialProperty("camel.vendorauth.credentials.shop-p.clientId", "client-p");
        main.addInitialProperty("camel.vendorauth.credentials.shop-p.clientSecret", "{{vault.p}}");
        main.addInitialProperty("camel.vendorauth.credentials.shop-p.param.merchant", "p-1");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:api").to("vendorauth:oauth2?tokenUrl=" + vendor.tokenUrl());
            }
        });
        main.start();
        try {
            Exchange done = main.getCamelTemplate().request("direct:api",
                    exchange -> exchange.getMessage().setHeader(VendorAuthConstants.CREDENTIAL, "shop-p"));
            assertThat(done.getException()).isNull();
            assertThat(done.getMessage().getHeader("Authorization", String.class)).startsWith("Bearer issued-client-p-");
            assertThat(vendor.requests().get(0).form()).containsEntry("merchant", "p-1");
        } finally {
            main.stop();
        }
    }
}
