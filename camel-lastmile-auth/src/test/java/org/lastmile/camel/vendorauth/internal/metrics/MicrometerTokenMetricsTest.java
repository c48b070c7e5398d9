package org.lastmile.camel.vendorauth.internal.metrics;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.test.TokenAnswers;
import org.lastmile.camel.vendorauth.test.VendorTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/** The meters of each credential, read from a real registry bound in Camel's registry, as a Spring Boot actuator would. */
class MicrometerTokenMetricsTest extends VendorTestSupport {

    private static final String SECRET = "meter-Secret-71";

    @BindToRegistry
    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                VendorAuthComponent component = getContext().getComponent("vendorauth", VendorAuthComponent.class);
                component.setBackoffInitial(200);
                component.setBackoffMax(400);
                from("direct:orders").to("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token"
                        + "&clientId=orders&clientSecret=RAW(" + SECRET + ")");
                from("direct:billing").to("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/failing"
                        + "&clientId=billing&clientSecret=RAW(" + SECRET + ")");
            }
        };
    }

    @Test
    void requestsHitsAndExpiryPerCredentialTaggedWithoutSecrets() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("meter-token-value", 3600)));
        for (int i = 0; i < 5; i++) {
            assertThat(template.request("direct:orders", e -> { }).getException()).isNull();
        }

        assertThat(counter("vendorauth.token.requests", "orders", "primary", "success")).isEqualTo(1);
        assertThat(counter("vendorauth.token.requests", "orders", "primary", "failure")).isZero();
        assertThat(counter("vendorauth.token.requests", "orders", "refresh", "success")).isZero();
        assertThat(counter("vendorauth.token.waits", "orders", null, null)).isEqualTo(1);
        assertThat(counter("vendorauth.token.local.hits", "orders", null, null)).isEqualTo(4);
        assertThat(counter("vendorauth.token.store.hits", "orders", null, null)).isZero();
        FunctionTimer duration = meters.get("vendorauth.token.request.duration").tag("credential", credential("orders"))
                .tag("kind", "primary").functionTimer();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        TimeGauge expiry = meters.get("vendorauth.token.expiry").tag("credential", credential("orders")).timeGauge();
        assertThat(expiry.value(TimeUnit.SECONDS)).isPositive().isLessThanOrEqualTo(3600);

        assertThat(meters.getMeters()).extracting(meter -> meter.getId().toString())
                .allSatisfy(id -> assertThat(id).doesNotContain(SECRET).doesNotContain("meter-token-value"))
                .anySatisfy(id -> assertThat(id).contains("profile=oauth2"));
    }

    @Test
    void failuresAndFailFastRejectionsAreCountedAndMetersGoWithTheComponent() {
        vendor.stubFor(post("/failing").willReturn(TokenAnswers.json(401, "{\"error\":\"invalid_client\"}")));

        eventually("a caller failed fast while the vendor is left alone", () -> {
            template.request("direct:billing", e -> { });
            return counter("vendorauth.token.rejections", "billing", null, null) > 0;
        });
        assertThat(counter("vendorauth.token.requests", "billing", "primary", "failure")).isPositive();
        assertThat(counter("vendorauth.token.requests", "billing", "primary", "success")).isZero();
        assertThat(meters.get("vendorauth.token.expiry").tag("credential", credential("billing")).timeGauge()
                .value(TimeUnit.SECONDS)).isNaN();

        context.stop();
        assertThat(meters.find("vendorauth.token.requests").meters()).isEmpty();
    }

    /** The credential tag of a client of this test: client, host and short id. */
    private String credential(String client) {
        return meters.getMeters().stream().map(Meter::getId).filter(id -> "vendorauth.token.waits".equals(id.getName()))
                .map(id -> id.getTag("credential")).filter(tag -> tag.startsWith(client + "@")).findFirst()
                .orElseThrow(() -> new AssertionError("no meters for " + client));
    }

    private double counter(String name, String client, String kind, String outcome) {
        var search = meters.get(name).tag("profile", "oauth2").tag("credential", credential(client));
        if (kind != null) {
            search = search.tag("kind", kind).tag("outcome", outcome);
        }
        FunctionCounter counter = search.functionCounter();
        return counter.count();
    }
}
