package org.lastmile.camel.vendorauth;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.test.TokenAnswers;
import org.lastmile.camel.vendorauth.test.VendorTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/** Readiness per endpoint and statistics per credential, as Camel tooling sees them. */
class VendorAuthHealthAndJmxTest extends VendorTestSupport {

    private static final String SECRET = "jmx-Secret-93";

    @Override
    protected boolean useJmx() {
        return true;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                VendorAuthComponent component = getContext().getComponent("vendorauth", VendorAuthComponent.class);
                component.setBackoffInitial(50);
                component.setBackoffMax(100);
                from("direct:api").routeId("orders")
                        .to("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token&clientId=orders&clientSecret=RAW("
                                + SECRET + ")");
            }
        };
    }

    private HealthCheck producerCheck() {
        WritableHealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(context, "producers",
                WritableHealthCheckRepository.class);
        assertThat(repository).isNotNull();
        // Camel leaves producer checks off unless asked: turn them on as a user would
        repository.setEnabled(true);
        List<HealthCheck> checks = repository.stream().toList();
        assertThat(checks).hasSize(1);
        return checks.get(0);
    }

    @Test
    void downOnceFailingFastUpOnceATokenIsObtained() {
        HealthCheck check = producerCheck();
        // named after the credential, not the endpoint: the same id whatever the routes
        assertThat(check.getId()).matches("producer:vendorauth-oauth2-orders@[^/ ]+/[0-9a-f]{12}").doesNotContain(SECRET);
        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).isFalse();
        assertThat(check.call().getState()).as("nothing needed yet").isEqualTo(HealthCheck.State.UP);

        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(503,
                "{\"error\":\"temporarily_unavailable\",\"error_description\":\"Maintenance window\"}")));
        for (int hiccup = 1; hiccup < 3; hiccup++) {
            assertThat(template.request("direct:api", e -> { }).getException()).isNotNull();
            assertThat(check.call().getState()).as("a hiccup is no outage: failure " + hiccup)
                    .isEqualTo(HealthCheck.State.UP);
        }
        assertThat(template.request("direct:api", e -> { }).getException()).isNotNull();
        HealthCheck.Result down = check.call();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("Maintenance window"));
        assertThat(String.valueOf(down.getDetails())).doesNotContain(SECRET);

        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("health-token-value", 3600)));
        eventually("a token after the back-off", () -> template.request("direct:api", e -> { }).getException() == null);
        HealthCheck.Result up = check.call();
        assertThat(up.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(up.getDetails()).containsKey("token.expires.at");
        assertThat(String.valueOf(up.getDetails())).doesNotContain("health-token-value");
    }

    @Test
    void statisticsPerCredentialOverJmxWithoutSecrets() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("jmx-token-value", 3600)));
        for (int i = 0; i < 5; i++) {
            template.request("direct:api", e -> { });
        }

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.camel:context=" + context.getManagementName()
                + ",type=endpoints,*"), null);
        ObjectName endpoint = names.stream().filter(n -> n.toString().contains("vendorauth")).findFirst().orElseThrow();

        assertThat(server.getAttribute(endpoint, "Fetches")).isEqualTo(1L);
        assertThat(server.getAttribute(endpoint, "Waits")).isEqualTo(1L);
        assertThat((Long) server.getAttribute(endpoint, "LocalHits")).isEqualTo(4L);
        assertThat(server.getAttribute(endpoint, "Failures")).isEqualTo(0L);
        assertThat((String) server.getAttribute(endpoint, "TokenExpiresAt")).isNotEmpty();
        assertThat((String) server.getAttribute(endpoint, "Credential")).matches("oauth2 orders@[^/ ]+/[0-9a-f]{12}");

        List<String> everything = new ArrayList<>();
        everything.add(endpoint.toString());
        for (MBeanAttributeInfo attribute : server.getMBeanInfo(endpoint).getAttributes()) {
            everything.add(String.valueOf(server.getAttribute(endpoint, attribute.getName())));
        }
        assertThat(everything).noneMatch(text -> text.contains(SECRET) || text.contains("jmx-token-value"));
    }
}
