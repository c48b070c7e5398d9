package org.lastmile.camel.vendorauth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.lastmile.camel.vendorauth.test.LogCapture;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/** A full run at DEBUG, with errors and refreshes, must not write a secret or a token anywhere a person could read it. */
class SecretLeakTest {

    private static final String CLIENT_SECRET = "cs-LEAK-7f3a9";
    private static final String PASSWORD = "pw-LEAK-b41c2";
    private static final String ACCESS_TOKEN = "at-LEAK-93kd1";
    private static final String REFRESHED_TOKEN = "at-LEAK-refreshed-2";
    private static final String REFRESH_TOKEN = "rt-LEAK-x81mz";

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    @Test
    void theEndpointShowsNoValueOfItsSecretOptionsCamelDoesNotKnow() throws Exception {
        CamelContext camel = new DefaultCamelContext();
        VendorAuthComponent component = new VendorAuthComponent();
        component.setTokenStore(new InMemoryTokenStore());
        camel.addComponent("vendorauth", component);
        camel.start();
        try {
            String shown = camel.getEndpoint("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token&clientId=orders"
                    + "&clientSecret=RAW(" + CLIENT_SECRET + ")&sealingKey=RAW(sk-LEAK-51x)&param.api_token=ak-LEAK-9q"
                    + "&secretParameters=api_token&param.region=eu").toString();

            assertThat(shown).doesNotContain(CLIENT_SECRET).doesNotContain("sk-LEAK").doesNotContain("ak-LEAK")
                    .contains("sealingKey=xxxxxx").contains("param.api_token=xxxxxx").contains("param.region=eu");
        } finally {
            camel.stop();
        }
    }

    @Test
    void nothingSecretInLogsExceptionsOrToString() throws Exception {
        vendor.stubFor(post("/token").withRequestBody(containing("grant_type=password"))
                .willReturn(TokenAnswers.token(ACCESS_TOKEN, 2, REFRESH_TOKEN)));
        vendor.stubFor(post("/token").withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(TokenAnswers.token(REFRESHED_TOKEN, 3600)));
        vendor.stubFor(post("/bad").willReturn(TokenAnswers.json(401, "{\"error\":\"invalid_client\","
                + "\"error_description\":\"client secret " + CLIENT_SECRET + " or password " + PASSWORD + " wrong\"}")));

        List<String> seen = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            CamelContext camel = new DefaultCamelContext();
            VendorAuthComponent component = new VendorAuthComponent();
            component.setTokenStore(new InMemoryTokenStore());
            camel.addComponent("vendorauth", component);
            String credential = "clientId=orders&clientSecret=RAW(" + CLIENT_SECRET + ")&grantType=password"
                    + "&username=ann&password=RAW(" + PASSWORD + ")";
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // a route that logs its own headers shows the token: that is the user's choice (see logMask)
                    from("direct:good").to("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token&" + credential)
                            .log("Called ${routeId}");
                    from("direct:bad").to("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/bad&" + credential);
                    from("direct:invalidate").to("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token&"
                            + credential + "&operation=invalidate");
                }
            });
            camel.start();
            try {
                ProducerTemplate template = camel.createProducerTemplate();
                template.request("direct:good", e -> { });
                // the 2 s token is refreshed with the refresh token within a second or two
                Exchange later;
                do {
                    Thread.sleep(100);
                    later = template.request("direct:good", e -> { });
                } while (!("Bearer " + REFRESHED_TOKEN).equals(later.getMessage().getHeader("Authorization")));
                Exchange failed = template.request("direct:bad", e -> { });
                seen.add(String.valueOf(failed.getException()));
                seen.add(failed.getException().getMessage());
                template.request("direct:invalidate",
                        e -> e.getMessage().setHeader("Authorization", "Bearer " + REFRESHED_TOKEN));
                template.request("direct:good", e -> { });
                seen.add(camel.getEndpoint("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token&" + credential)
                        .toString());
                try {
                    camel.getEndpoint("vendorauth:oauth2?" + credential);
                } catch (RuntimeException e) {
                    seen.add(e.getMessage());
                }
            } finally {
                camel.stop();
            }
            seen.addAll(logs.lines());
        }

        assertThat(seen).as("the run logged at DEBUG").hasSizeGreaterThan(20);
        String basic = Base64.getEncoder().encodeToString(("orders:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        for (String secret : List.of(CLIENT_SECRET, PASSWORD, ACCESS_TOKEN, REFRESHED_TOKEN, REFRESH_TOKEN, basic)) {
            assertThat(seen).as("lines containing " + secret).filteredOn(line -> line.contains(secret)).isEmpty();
        }
    }
}
