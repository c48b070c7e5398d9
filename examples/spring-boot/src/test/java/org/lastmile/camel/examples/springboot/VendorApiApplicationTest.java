package org.lastmile.camel.examples.springboot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The example application as it runs, against a vendor on loopback: the component configured from properties alone, the
 * member Spring Boot starts as the cluster, one token for many concurrent calls, the token endpoint's health and the
 * token meters in the actuator.
 */
@SpringBootTest(properties = {
        "camel.component.vendorauth.client-id=example-client",
        "camel.component.vendorauth.client-secret=example-secret" })
@Import(LoopbackTestConfig.class)
class VendorApiApplicationTest {

    @Autowired
    private ProducerTemplate template;
    @Autowired
    private CamelContext camelContext;
    @Autowired
    private HazelcastInstance hazelcast;
    @Autowired
    private HealthEndpoint health;
    @Autowired
    private MetricsEndpoint metrics;
    @Autowired
    private LoopbackVendor vendor;

    @Test
    void concurrentCallsShareOneTokenAndHealthFollowsTheTokenEndpoint() {
        vendor.grants("token-1", "[\"order-1\"]");

        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(template.asyncRequestBody("direct:orders", null, String.class));
        }
        assertThat(calls).allSatisfy(call -> assertThat(call.join()).isEqualTo("[\"order-1\"]"));
        assertThat(vendor.tokenRequests()).isEqualTo(1);

        VendorAuthComponent component = camelContext.getComponent("vendorauth", VendorAuthComponent.class);
        assertThat(component.getHazelcastInstance()).isSameAs(hazelcast);
        assertThat(hazelcast.getDistributedObjects()).isNotEmpty();
        assertThat(vendorAuthHealth()).isEqualTo("UP");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(metrics.listNames().getNames()).contains("vendorauth.token.requests",
                "vendorauth.token.request.duration", "vendorauth.token.local.hits", "vendorauth.token.expiry");
        assertThat(metrics.metric("vendorauth.token.requests", List.of("kind:primary", "outcome:success"))
                .getMeasurements()).singleElement().satisfies(sample -> assertThat(sample.getValue()).isEqualTo(1.0));

        // the vendor turns the client away: the API refuses the token, and no new one can be had
        vendor.refusesTheClient();
        assertThatThrownBy(() -> template.requestBody("direct:orders", null, String.class))
                .isInstanceOf(CamelExecutionException.class);

        // health turns DOWN once the credential fails fast (failFastThreshold failures in a row), not at the first
        // failure: each further exchange is a new attempt until then
        await("vendorauth health DOWN").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThatThrownBy(() -> template.requestBody("direct:orders", null, String.class))
                    .isInstanceOf(CamelExecutionException.class);
            assertThat(vendorAuthHealth()).isEqualTo("DOWN");
        });
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }

    /** The state Camel's health indicator reports for the vendorauth producer check. */
    private String vendorAuthHealth() {
        HealthDescriptor camel = health.healthForPath("camelHealth");
        assertThat(camel).as("Camel's health in the actuator").isInstanceOf(IndicatedHealthDescriptor.class);
        Map<String, Object> details = ((IndicatedHealthDescriptor) camel).getDetails();
        return details.entrySet().stream().filter(detail -> detail.getKey().contains("vendorauth"))
                .map(detail -> String.valueOf(detail.getValue())).findFirst()
                .orElseThrow(() -> new AssertionError("no vendorauth check in " + details.keySet()));
    }
}
