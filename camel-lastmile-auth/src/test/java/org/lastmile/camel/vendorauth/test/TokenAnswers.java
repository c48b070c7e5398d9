package org.lastmile.camel.vendorauth.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** Token endpoint answers and a loopback WireMock server for them. */
public final class TokenAnswers {

    private TokenAnswers() {
    }

    /** A WireMock server on 127.0.0.1 and a free port. */
    public static WireMockExtension vendor() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
    }

    /** How many requests {@code vendor} has had at {@code POST /token}. */
    public static int tokenCalls(WireMockExtension vendor) {
        return vendor.findAll(postRequestedFor(urlEqualTo("/token"))).size();
    }

    /** A loopback port nothing listens on (it was free a moment ago): a token endpoint that refuses connections. */
    public static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** 200 with an RFC 6749 token answer. */
    public static ResponseDefinitionBuilder token(String accessToken, long expiresIn) {
        return json(200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
                + "}");
    }

    /** 200 with a token answer carrying a refresh token. */
    public static ResponseDefinitionBuilder token(String accessToken, long expiresIn, String refreshToken) {
        return json(200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
                + ",\"refresh_token\":\"" + refreshToken + "\"}");
    }

    /** 200 with a new random token on every call (WireMock response templating). */
    public static ResponseDefinitionBuilder freshToken(long expiresIn) {
        return token("tok-{{randomValue length=16 type='ALPHANUMERIC'}}", expiresIn).withTransformers("response-template");
    }

    /** An answer with a JSON body. */
    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /**
     * Stubs {@code POST /token} so that the first request hangs far beyond anybody's patience (60 s) and every later one
     * is answered at once with {@code token}, valid for an hour.
     */
    public static void firstRequestHangs(WireMockExtension vendor, String token) {
        vendor.stubFor(post("/token").inScenario("flight").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(token("never", 3600).withFixedDelay(60_000)).willSetStateTo("hung"));
        vendor.stubFor(post("/token").inScenario("flight").whenScenarioStateIs("hung").willReturn(token(token, 3600)));
    }
}
