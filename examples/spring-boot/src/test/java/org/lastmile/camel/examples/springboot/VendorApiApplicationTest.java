package org.lastmile.camel.examples.springboot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The example application as it runs, against a vendor on loopback: the component configured from properties alone, the
 * member Spring Boot starts as the cluster, one token for many concurrent calls, and the token endpoint's health in the
 * actuator.
 */
@SpringBootTest(properties = {
        "camel.component.vendorauth.client-id=example-client",
        "camel.component.vendorauth.client-secret=example-secret" })
@Import(LoopbackHazelcastConfig.class)
class VendorApiApplicationTest {

    private static final WireMockServer VENDOR = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());

    @Autowired
    private ProducerTemplate template;
    @Autowired
    private CamelContext camelContext;
    @Autowired
    private HazelcastInstance hazelcast;
    @Autowired
    private HealthEndpoint health;

    @BeforeAll
    static void startVendor() {
        VENDOR.start();
    }

    @AfterAll
    static void stopVendor() {
        VENDOR.stop();
    }

    @DynamicPropertySource
    static void vendorOnLoopback(DynamicPropertyRegistry registry) {
        registry.add("camel.component.vendorauth.token-url", () -> vendorUrl() + "/oauth/token");
        registry.add("vendor.api-url", VendorApiApplicationTest::vendorUrl);
    }

    private static String vendorUrl() {
        return "http://127.0.0.1:" + VENDOR.port();
    }

    @Test
    void concurrentCallsShareOneTokenAndHealthFollowsTheTokenEndpoint() {
        VENDOR.stubFor(post("/oauth/token").willReturn(okJson(
                "{\"access_token\":\"token-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        VENDOR.stubFor(get("/orders").withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(okJson("[\"order-1\"]")));

        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(template.asyncRequestBody("direct:orders", null, String.class));
        }
        assertThat(calls).allSatisfy(call -> assertThat(call.join()).isEqualTo("[\"order-1\"]"));
        VENDOR.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));

        VendorAuthComponent component = camelContext.getComponent("vendorauth", VendorAuthComponent.class);
        assertThat(component.getHazelcastInstance()).isSameAs(hazelcast);
        assertThat(hazelcast.getDistributedObjects()).isNotEmpty();
        assertThat(vendorAuthHealth()).isEqualTo("UP");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        // the vendor turns the client away: the API refuses the token, and no new one can be had
        VENDOR.resetAll();
        VENDOR.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));
        VENDOR.stubFor(get("/orders").willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(() -> template.requestBody("direct:orders", null, String.class))
                .isInstanceOf(CamelExecutionException.class);

        await("vendorauth health DOWN").atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(vendorAuthHealth()).isEqualTo("DOWN"));
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
