package org.lastmile.camel.vendorauth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.test.TokenAnswers;
import org.lastmile.camel.vendorauth.test.VendorTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/** An API that refuses the token: the call is retried once, with a fresh token, and other errors pass through. */
class VendorAuthRetryTest extends VendorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                VendorAuthRetry.retryOnceWhenUnauthorized(this);
                from("direct:orders")
                        .to("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token&clientId=orders&clientSecret=s")
                        .to(vendor.baseUrl() + "/api/orders")
                        .convertBodyTo(String.class);
                from("direct:dynamic")
                        .to("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token&clientId=orders&clientSecret=s")
                        .toD(vendor.baseUrl() + "/api/${header.resource}?page=${header.page}")
                        .convertBodyTo(String.class)
                        .setHeader("after", constant("the rest of the route ran"));
            }
        };
    }

    /** The first token call answers t1, every later one t2. */
    private void tokensT1ThenT2() {
        vendor.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(TokenAnswers.token("t1", 3600)).willSetStateTo("second"));
        vendor.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(TokenAnswers.token("t2", 3600)));
    }

    private void api(String token, int status, String body) {
        vendor.stubFor(get("/api/orders").withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(TokenAnswers.json(status, body)));
    }

    private int apiCalls() {
        return vendor.findAll(getRequestedFor(urlEqualTo("/api/orders"))).size();
    }

    @Test
    void a401IsRetriedOnceWithAFreshToken() {
        tokensT1ThenT2();
        api("t1", 401, "{\"message\":\"Unauthorized\"}");
        api("t2", 200, "{\"orders\":[]}");

        Exchange done = template.request("direct:orders", exchange -> { });

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(String.class)).isEqualTo("{\"orders\":[]}");
        assertThat(apiCalls()).isEqualTo(2);
        assertThat(tokenCalls(vendor)).isEqualTo(2);
    }

    @Test
    void aVendorsExpiredTokenAnswerCountsAsRefusal() {
        tokensT1ThenT2();
        api("t1", 400, "{\"statusCode\":400,\"message\":\"Token expired.\"}");
        api("t2", 200, "{\"orders\":[]}");

        assertThat(template.request("direct:orders", exchange -> { }).getException()).isNull();
        assertThat(apiCalls()).isEqualTo(2);
    }

    @Test
    void onlyOnce() {
        tokensT1ThenT2();
        api("t1", 401, "{}");
        api("t2", 401, "{}");

        Exchange done = template.request("direct:orders", exchange -> { });

        assertThat(done.getException()).isInstanceOfSatisfying(HttpOperationFailedException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(401));
        assertThat(apiCalls()).isEqualTo(2);
        assertThat(tokenCalls(vendor)).isEqualTo(2);
    }

    @Test
    void otherErrorsPassThroughUntouched() {
        tokensT1ThenT2();
        api("t1", 500, "{\"message\":\"boom\"}");

        Exchange done = template.request("direct:orders", exchange -> { });

        assertThat(done.getException()).isInstanceOfSatisfying(HttpOperationFailedException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(500));
        assertThat(apiCalls()).isEqualTo(1);
        assertThat(tokenCalls(vendor)).isEqualTo(1);
    }

    @Test
    void concurrentRefusalsOfOneTokenCauseOneTokenCall() throws Exception {
        tokensT1ThenT2();
        api("t1", 401, "{}");
        api("t2", 200, "{\"orders\":[]}");

        // cold exchanges share the fetch of t1; the API refuses t1 for each of them; each renews, but only the first
        // invalidation removes t1, and all share the one fetch of t2 (an exchange that starts late gets t2 at once)
        ExecutorService callers = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<Exchange>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> template.request("direct:orders", exchange -> { }),
                        callers));
            }
            for (CompletableFuture<Exchange> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS).getException()).isNull();
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(tokenCalls(vendor)).isEqualTo(2);
    }

    @Test
    void noThreadWaitsWhileTheTokenIsRenewed() throws Exception {
        vendor.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(TokenAnswers.token("t1", 3600)).willSetStateTo("second"));
        vendor.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(TokenAnswers.token("t2", 3600).withFixedDelay(1500)));
        api("t1", 401, "{}");
        api("t2", 200, "{\"orders\":[]}");

        CompletableFuture<Exchange> call = CompletableFuture.supplyAsync(
                () -> template.request("direct:orders", exchange -> { }));
        eventually("the renewal has asked the token endpoint", () -> tokenCalls(vendor) == 2);

        // while the vendor takes its time, no thread is inside the retry: the renewal holds none
        String retry = VendorAuthRetry.class.getName();
        assertThat(Thread.getAllStackTraces().values()).noneMatch(stack -> Arrays.stream(stack).map(
                StackTraceElement::getClassName).anyMatch(name -> name.equals(retry) || name.startsWith(retry + "$")));
        assertThat(call.get(30, TimeUnit.SECONDS).getException()).isNull();
        assertThat(apiCalls()).isEqualTo(2);
    }

    @Test
    void aRenewalTheTokenEndpointRefusesEndsWithTheTokenEndpointsError() {
        vendor.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(TokenAnswers.token("t1", 3600)).willSetStateTo("second"));
        vendor.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(TokenAnswers.json(400, "{\"error\":\"invalid_client\",\"error_description\":\"Client blocked\"}")));
        api("t1", 401, "{}");

        Exchange done = template.request("direct:orders", exchange -> { });

        assertThat(done.getException()).isInstanceOfSatisfying(TokenEndpointException.class,
                e -> assertThat(e.getMessage()).contains("invalid_client").contains("Client blocked"));
        assertThat(apiCalls()).as("the API is not called without a token").isEqualTo(1);
    }

    @Test
    void aDynamicCallIsRepeatedToTheSamePathAndTheRouteGoesOn() {
        tokensT1ThenT2();
        vendor.stubFor(get(urlEqualTo("/api/orders?page=2")).withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(TokenAnswers.json(401, "{}")));
        vendor.stubFor(get(urlEqualTo("/api/orders?page=2")).withHeader("Authorization", equalTo("Bearer t2"))
                .willReturn(TokenAnswers.json(200, "{\"page\":2}")));

        Exchange done = template.request("direct:dynamic", exchange -> {
            exchange.getMessage().setHeader("resource", "orders");
            exchange.getMessage().setHeader("page", 2);
        });

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(String.class)).isEqualTo("{\"page\":2}");
        assertThat(done.getMessage().getHeader("after")).isEqualTo("the rest of the route ran");
        assertThat(done.getMessage().getHeaders()).as("the repeat's own URI does not stay on the exchange")
                .doesNotContainKey(Exchange.HTTP_URI);
        assertThat(vendor.findAll(getRequestedFor(urlEqualTo("/api/orders?page=2")))).hasSize(2);
    }
}
