package org.lastmile.camel.examples.springboot;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** A vendor on loopback (WireMock): a token endpoint and an order API that accepts one token. */
final class LoopbackVendor implements AutoCloseable {

    private final WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());

    LoopbackVendor() {
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    String tokenUrl() {
        return url() + "/oauth/token";
    }

    /** The token endpoint hands out that token for an hour; the API serves the orders to it. */
    void grants(String token, String orders) {
        server.resetAll();
        server.stubFor(post("/oauth/token").willReturn(okJson(
                "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        server.stubFor(get("/orders").withHeader("Authorization", equalTo("Bearer " + token)).willReturn(okJson(orders)));
    }

    /** The vendor turns the client away: the token endpoint answers invalid_client, the API refuses every token. */
    void refusesTheClient() {
        server.resetAll();
        server.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));
        server.stubFor(get("/orders").willReturn(aResponse().withStatus(401)));
    }

    int tokenRequests() {
        return server.countRequestsMatching(postRequestedFor(urlEqualTo("/oauth/token")).build()).getCount();
    }

    @Override
    public void close() {
        server.stop();
    }
}
