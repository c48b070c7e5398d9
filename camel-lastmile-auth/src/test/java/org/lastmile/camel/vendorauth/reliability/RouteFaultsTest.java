package org.lastmile.camel.vendorauth.reliability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.VendorAuthRetry;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.test.TokenAnswers;
import org.lastmile.camel.vendorauth.test.VendorTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/** Token endpoint faults as a route sees them: the exchange's exception, how long it waits, what the vendor is sent. */
class RouteFaultsTest extends VendorTestSupport {

    private static final String SECRET = "route-Secret-51";

    @Override
    protected RouteBuilder createRouteBuilder() throws IOException {
        int closedPort = TokenAnswers.closedPort();
        String credential = "&clientId=orders&clientSecret=RAW(" + SECRET + ")";
        return new RouteBuilder() {
            @Override
            public void configure() {
                VendorAuthComponent component = getContext().getComponent("vendorauth", VendorAuthComponent.class);
                component.setConnectTimeout(1000);
                component.setResponseTimeout(1000);
                component.setBackoffInitial(200);
                component.setBackoffMax(400);
                VendorAuthRetry.retryOnceWhenUnauthorized(this);
                from("direct:api").to("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token" + credential);
                from("direct:orders").to("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token" + credential)
                        .to(vendor.baseUrl() + "/orders");
                from("direct:refused").to("vendorauth:oauth2?tokenUrl=http://127.0.0.1:" + closedPort + "/token"
                        + credential);
            }
        };
    }

    private static void assertFailedWith(Exchange exchange, String words) {
        assertThat(exchange.getException()).isInstanceOf(TokenEndpointException.class).hasMessageContaining(words)
                .hasMessageNotContaining(SECRET);
        assertThat(exchange.getMessage().getHeader("Authorization")).isNull();
    }

    @Test
    void aHangingTokenEndpointFailsEveryWaitingExchangeWithinTheResponseTimeout() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("too-late", 3600).withFixedDelay(30_000)));
        List<Future<Exchange>> exchanges = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            exchanges.add(template.asyncSend("direct:api", exchange -> { }));
        }
        for (Future<Exchange> exchange : exchanges) {
            // bounded well below the vendor's 30 s hang: the 1 s response timeout ends the wait
            assertFailedWith(exchange.get(15, TimeUnit.SECONDS), "responseTimeout)");
        }
        eventually("the one request was logged", () -> tokenCalls(vendor) == 1);
    }

    @Test
    void anOutageFailsExchangesFastWithTheVendorsWordsAndRecoversWithOneRequest() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(503,
                "{\"error\":\"temporarily_unavailable\",\"error_description\":\"Planned maintenance\"}")));
        long started = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            assertFailedWith(call("direct:api"), "HTTP 503: temporarily_unavailable - Planned maintenance");
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        // the first three exchanges each ask (failFastThreshold), then back-offs of at least 100 ms (half of 200 ms): a
        // request per back-off at most, not one per exchange
        int duringOutage = tokenCalls(vendor);
        assertThat(duringOutage).isBetween(1, (int) (elapsedMillis / 100) + 3);

        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("after-maintenance", 3600)));
        eventually("an exchange gets a token once the back-off has passed",
                () -> call("direct:api").getException() == null);
        int recovered = tokenCalls(vendor);
        for (int i = 0; i < 100; i++) {
            assertThat(call("direct:api").getMessage().getHeader("Authorization"))
                    .isEqualTo("Bearer after-maintenance");
        }
        assertThat(tokenCalls(vendor)).as("no request after recovery").isEqualTo(recovered);
    }

    @Test
    void aStillValidTokenKeepsExchangesGoingWhileItsRefreshFails() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 10)));
        assertThat(call("direct:api").getException()).isNull();
        long fetchedAt = System.nanoTime();
        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(500, "{\"error\":\"server_error\"}")));

        // the refresh window opens at 8 s, the copy refreshes by 8.5 s; the token is sent until 9 s
        while (tokenCalls(vendor) < 2 && System.nanoTime() - fetchedAt < TimeUnit.MILLISECONDS.toNanos(8700)) {
            Exchange exchange = call("direct:api");
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader("Authorization")).isEqualTo("Bearer t1");
            Thread.sleep(20);
        }
        assertThat(tokenCalls(vendor)).as("refreshes were tried").isGreaterThan(1);
    }

    @Test
    void aRefusedConnectionNamesTheHost() {
        Exchange failed = call("direct:refused");
        assertFailedWith(failed, "gave no answer");
        assertThat(failed.getException()).hasMessageContaining("connection refused by 127.0.0.1:");
        assertThat(((TokenEndpointException) failed.getException()).getStatus())
                .isEqualTo(TokenEndpointException.NO_RESPONSE);
    }

    @Test
    void theApiRefusesTheTokenWhileTheTokenEndpointIsDown() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("revoked-early", 3600)));
        vendor.stubFor(get("/orders").willReturn(aResponse().withStatus(401)));
        vendor.stubFor(get("/orders").withHeader("Authorization", equalTo("Bearer after-outage"))
                .willReturn(aResponse().withStatus(200).withBody("orders")));
        assertThat(call("direct:api").getException()).isNull();
        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(503, "{\"error\":\"temporarily_unavailable\","
                + "\"error_description\":\"Planned maintenance\"}")));

        // the refused token is dropped and its replacement cannot be had: the exchange fails with the token endpoint's
        // words, and the API is not called again without a token
        long started = System.nanoTime();
        Exchange refused = call("direct:orders");
        assertThat(refused.getException()).isInstanceOf(TokenEndpointException.class)
                .hasMessageContaining("Planned maintenance");
        for (int i = 0; i < 50; i++) {
            assertFailedWith(call("direct:orders"), "Planned maintenance");
        }
        assertThat(vendor.findAll(getRequestedFor(urlEqualTo("/orders")))).as("the refused token, not sent afterwards")
                .hasSizeBetween(1, 2);
        // the first token, three attempts in a row (failFastThreshold), then at most one per back-off (at least 100 ms)
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(tokenCalls(vendor)).isBetween(4, (int) (elapsedMillis / 100) + 4);

        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("after-outage", 3600)));
        eventually("orders once the token endpoint is back", () -> call("direct:orders").getException() == null);
    }

    @Test
    void exchangesWaitingForATokenWhenTheContextStopsAreAnsweredNotStranded() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("too-late", 3600).withFixedDelay(30_000)));
        List<Future<Exchange>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(template.asyncSend("direct:api", exchange -> { }));
        }
        eventually("the fetch has started", () -> tokenCalls(vendor) == 1);
        context.stop();
        for (Future<Exchange> exchange : waiting) {
            // bounded: the fetch gives up after its 1 s response timeout at the latest
            assertThat(exchange.get(15, TimeUnit.SECONDS).getException()).isNotNull();
        }
    }
}
