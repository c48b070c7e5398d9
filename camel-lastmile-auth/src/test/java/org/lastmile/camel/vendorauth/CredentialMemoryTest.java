package org.lastmile.camel.vendorauth;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/** A tenant taken from input: the component keeps the credentials in use, at most a cap of them, not their history. */
class CredentialMemoryTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private CamelContext camel;

    @AfterEach
    void stop() {
        camel.stop();
    }

    /** A route whose credential depends on the exchange's tenant header. */
    private void start(long credentialIdleTimeout, int maxCredentials) throws Exception {
        VendorAuthComponent component = new VendorAuthComponent();
        component.setTokenStore(new InMemoryTokenStore());
        component.setCredentialIdleTimeout(credentialIdleTimeout);
        component.setMaxCredentials(maxCredentials);
        camel = CamelApplications.start(component, new RouteBuilder() {
            @Override
            public void configure() {
                getContext().getRegistry().bind("meters", meters);
                from("direct:tenant").toD("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl()
                        + "/token&clientId=tenant-${header.tenant}&clientSecret=s3cret");
            }
        });
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(3600)));
    }

    private Exchange call(int tenant) {
        return camel.createProducerTemplate().request("direct:tenant",
                exchange -> exchange.getMessage().setHeader("tenant", tenant));
    }

    private int credentials() {
        return camel.getComponent("vendorauth", VendorAuthComponent.class).tokenManager().size();
    }

    /** The credentials with meters (they come and go with their readiness checks). */
    private long shown() {
        return meters.find("vendorauth.token.waits").meters().size();
    }

    @Test
    void idleTenantsLeaveAndAReturningTenantCostsNoTokenCall() throws Exception {
        start(300, 10_000);
        for (int tenant = 1; tenant <= 5; tenant++) {
            assertThat(call(tenant).getException()).isNull();
        }
        assertThat(shown()).as("meters of the credentials in use").isPositive();
        assertThat(camel.getComponent("vendorauth", VendorAuthComponent.class).namedCredentialSets())
                .as("endpoints made per exchange, which name no credential, hold no set of named credentials").isZero();

        // the sweep removes a credential first and tells its retirement listeners after: wait for both
        eventually("idle credentials leave, their meters and health checks with them",
                () -> credentials() == 0 && shown() == 0);
        Exchange back = call(1);
        assertThat(back.getException()).isNull();
        assertThat(back.getMessage().getHeader("Authorization", String.class)).startsWith("Bearer tok-");
        assertThat(tokenCalls(vendor)).as("the returning tenant's token came from the store").isEqualTo(5);
        assertThat(shown()).as("shown again").isEqualTo(1);
    }

    @Test
    void theCapRefusesANewTenantNamingTheOption() throws Exception {
        start(3_600_000, 3);
        for (int tenant = 1; tenant <= 3; tenant++) {
            assertThat(call(tenant).getException()).isNull();
        }

        assertThat(call(4).getException()).isNotNull().hasStackTraceContaining("Option maxCredentials");
        assertThat(call(2).getException()).as("tenants in use go on").isNull();
        assertThat(credentials()).isEqualTo(3);
    }
}
