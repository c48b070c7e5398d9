package org.lastmile.camel.vendorauth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.test.TokenAnswers;
import org.lastmile.camel.vendorauth.test.VendorTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/** The component in real routes, against a real token endpoint. */
class VendorAuthComponentTest extends VendorTestSupport {

    private static final String SECRET = "s3cret-Value-42";

    private static String oauth2() {
        return "vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token&clientId=orders&clientSecret=RAW(" + SECRET + ")";
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:api").to(oauth2()).setHeader("continuedOn", simple("${threadName}"));
                from("direct:invalidate").to(oauth2() + "&operation=invalidate");
                from("direct:processor").process(VendorAuthProcessor.profile("oauth2")
                        .tokenUrl(vendor.baseUrl() + "/token").clientId("orders").clientSecret(SECRET).build());
            }
        };
    }

    @Test
    void fiftyConcurrentColdExchangesMakeOneTokenCall() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 3600).withFixedDelay(300)));
        ExecutorService callers = Executors.newFixedThreadPool(50);
        try {
            List<CompletableFuture<Exchange>> exchanges = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                exchanges.add(CompletableFuture.supplyAsync(() -> call("direct:api"), callers));
            }
            for (CompletableFuture<Exchange> exchange : exchanges) {
                Exchange done = exchange.get(30, TimeUnit.SECONDS);
                assertThat(done.getException()).isNull();
                assertThat(done.getMessage().getHeader("Authorization")).isEqualTo("Bearer t1");
                assertThat(done.getMessage().getHeader("continuedOn", String.class))
                        .as("a waiting exchange never continues its route on a token-fetch thread")
                        .doesNotContain("VendorAuthFetch");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(tokenCalls(vendor)).isEqualTo(1);
        vendor.verify(postRequestedFor(urlEqualTo("/token")).withRequestBody(equalTo("grant_type=client_credentials")));
    }

    @Test
    void alwaysWritesBearerWhateverCaseTheVendorAnswered() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(200,
                "{\"access_token\":\"t1\",\"token_type\":\"BEARER\",\"expires_in\":3600}")));
        assertThat(call("direct:api").getMessage().getHeader("Authorization")).isEqualTo("Bearer t1");
    }

    @Test
    void vendorErrorSurfacesWithTheVendorsMessage() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(401,
                "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));

        Exchange failed = call("direct:api");

        assertThat(failed.getException()).isInstanceOf(TokenEndpointException.class)
                .hasMessageContaining("HTTP 401: invalid_client - Client authentication failed")
                .hasMessageNotContaining(SECRET);
        assertThat(failed.getMessage().getHeader("Authorization")).isNull();
    }

    @Test
    void processorAndEndpointOfOneCredentialShareTheToken() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(3600)));

        Object fromEndpoint = call("direct:api").getMessage().getHeader("Authorization");
        Object fromProcessor = call("direct:processor").getMessage().getHeader("Authorization");

        assertThat(fromProcessor).isEqualTo(fromEndpoint);
        assertThat(tokenCalls(vendor)).isEqualTo(1);
    }

    @Test
    void invalidateDropsTheTokenTheExchangeCarriedSoTheNextEnrichFetchesAnew() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(3600)));
        String first = (String) call("direct:api").getMessage().getHeader("Authorization");

        Exchange invalidated = template.request("direct:invalidate",
                exchange -> exchange.getMessage().setHeader("Authorization", first));
        assertThat(invalidated.getMessage().getHeader(VendorAuthConstants.INVALIDATED)).isEqualTo(true);

        String second = (String) call("direct:api").getMessage().getHeader("Authorization");
        assertThat(second).startsWith("Bearer ").isNotEqualTo(first);

        Exchange late = template.request("direct:invalidate",
                exchange -> exchange.getMessage().setHeader("Authorization", first));
        assertThat(late.getMessage().getHeader(VendorAuthConstants.INVALIDATED)).isEqualTo(false);
        assertThat(call("direct:api").getMessage().getHeader("Authorization")).isEqualTo(second);
        assertThat(tokenCalls(vendor)).isEqualTo(2);
    }

    @Test
    void paramOptionsReachTheRequestAndTellCredentialsApart() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(3600)));

        Object acme = template.request(oauth2() + "&param.tenant=acme", e -> { }).getMessage().getHeader("Authorization");
        Object globex = template.request(oauth2() + "&param.tenant=globex", e -> { }).getMessage()
                .getHeader("Authorization");

        assertThat(acme).isNotNull().isNotEqualTo(globex);
        vendor.verify(postRequestedFor(urlEqualTo("/token"))
                .withRequestBody(equalTo("grant_type=client_credentials&tenant=acme")));
        vendor.verify(postRequestedFor(urlEqualTo("/token"))
                .withRequestBody(equalTo("grant_type=client_credentials&tenant=globex")));
    }

    @Test
    void endpointUriAsCamelShowsItMasksSecrets() {
        Endpoint endpoint = context.getEndpoint(oauth2() + "&username=ann&password=RAW(pw-Value-7)&grantType=password");
        assertThat(endpoint.toString()).doesNotContain(SECRET).doesNotContain("pw-Value-7");
    }

    @Test
    void misconfiguredEndpointsFailAtCreationNamingTheOption() {
        String base = "vendorauth:oauth2?clientId=orders&clientSecret=RAW(" + SECRET + ")";
        assertStartupError(base, "Option tokenUrl is required");
        assertStartupError(base + "&tokenUrl=ftp://127.0.0.1/token", "Option tokenUrl must be an absolute http");
        assertStartupError(base + "&tokenUrl=http://127.0.0.1/t&grantType=password", "Option username is required");
        assertStartupError(base + "&tokenUrl=http://127.0.0.1/t&grantType=password&username=ann",
                "Option password is required");
        assertStartupError(base + "&tokenUrl=http://127.0.0.1/t&clientAuthentication=digest",
                "Option clientAuthentication has an unknown value 'digest'");
        assertStartupError(base + "&tokenUrl=http://127.0.0.1/t&bodyFormat=xml", "Option bodyFormat");
        assertStartupError(base + "&tokenUrl=http://127.0.0.1/t&grantType=implicit", "Option grantType");
        assertStartupError(base + "&tokenUrl=http://127.0.0.1/t&expiresInUnit=hours", "Option expiresInUnit");
        assertStartupError("vendorauth:oauth2?tokenUrl=http://127.0.0.1/t", "Option clientId is required");
        assertStartupError("vendorauth:oauth2?tokenUrl=http://127.0.0.1/t&clientId=orders",
                "Option clientSecret is required");
        assertStartupError(base + "&tokenUrl=http://127.0.0.1/t&environment=staging", "Option environment");
        assertStartupError("vendorauth:no-such-vendor?clientId=x", "Unknown profile 'no-such-vendor'");
    }

    private void assertStartupError(String uri, String expected) {
        assertThatThrownBy(() -> context.getEndpoint(uri))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining(expected)
                .hasMessageNotContaining(SECRET);
    }
}
