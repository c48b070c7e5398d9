package org.lastmile.camel.vendorauth.vendors;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/** Winkelstraat, per its retailer-token page (both copies). */
class WinkelstraatProfileTest extends VendorSimulatorSupport {

    private static final String PATH = "/api/oauth/v1/retailer/token";

    private String winkelstraat(String options) {
        return "vendorauth:winkelstraat?tokenUrl=" + vendor.baseUrl() + PATH + "&clientId=" + CLIENT_ID + "&clientSecret="
                + CLIENT_SECRET + "&username=retailer@example.com&password=RAW(pw 1)" + options;
    }

    /** Exactly as the page says: Basic of the raw id:secret, application/json and nothing else. */
    private void answer(String path, String body, int status, String json) {
        vendor.stubFor(post(path)
                .withHeader("Authorization", equalTo(basicRaw(CLIENT_ID, CLIENT_SECRET)))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(body))
                .willReturn(TokenAnswers.json(status, json)));
    }

    @Test
    void passwordGrantThenRefreshWithTheJsonBodyThePageShows() {
        context.getComponent("vendorauth", VendorAuthComponent.class).setRefreshMargin(1000);
        answer(PATH, "{\"grant_type\":\"password\",\"username\":\"retailer@example.com\",\"password\":\"pw 1\"}", 200,
                "{\"access_token\":\"w1\",\"expires_in\":2,\"token_type\":\"bearer\",\"scope\":\"null\","
                        + "\"refresh_token\":\"wr1\"}");
        answer(PATH, "{\"refresh_token\":\"wr1\",\"grant_type\":\"refresh_token\"}", 200,
                "{\"access_token\":\"w2\",\"expires_in\":3600,\"token_type\":\"bearer\",\"scope\":\"null\","
                        + "\"refresh_token\":\"wr2\"}");

        assertThat(authorization(winkelstraat(""))).isEqualTo("Bearer w1");
        eventually("renewed with the refresh token", () -> "Bearer w2".equals(authorization(winkelstraat(""))));
        assertThat(calls(PATH)).isEqualTo(2);
    }

    @Test
    void theRefreshPathOfTheOtherCopyOfThePageIsAnOption() {
        context.getComponent("vendorauth", VendorAuthComponent.class).setRefreshMargin(1000);
        answer(PATH, "{\"grant_type\":\"password\",\"username\":\"retailer@example.com\",\"password\":\"pw 1\"}", 200,
                "{\"access_token\":\"w1\",\"expires_in\":2,\"token_type\":\"bearer\",\"refresh_token\":\"wr1\"}");
        answer("/api/oauth/v1/token", "{\"refresh_token\":\"wr1\",\"grant_type\":\"refresh_token\"}", 200,
                "{\"access_token\":\"w2\",\"expires_in\":3600,\"token_type\":\"bearer\"}");
        String uri = winkelstraat("&refreshUrl=" + vendor.baseUrl() + "/api/oauth/v1/token");

        authorization(uri);
        eventually("renewed at the other path", () -> "Bearer w2".equals(authorization(uri)));
        assertThat(vendor.findAll(postRequestedFor(urlEqualTo("/api/oauth/v1/token")))).hasSize(1);
    }

    @Test
    void aWrongContentTypeGetsTheVendors415Message() {
        vendor.stubFor(post(PATH).withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .willReturn(TokenAnswers.json(415, "{\"code\":415,\"message\":\"'application/x-www-form-urlencoded' in"
                        + " 'Content-type' header is not valid.  Only 'application/json' is allowed.\"}")));

        Exchange done = call(winkelstraat("&bodyFormat=form"));

        assertThat(done.getException()).isInstanceOf(TokenEndpointException.class)
                .hasMessageContaining("HTTP 415").hasMessageContaining("Only 'application/json' is allowed.")
                .hasMessageNotContaining(CLIENT_SECRET);
    }

    @Test
    void anUnprocessableRequestGetsTheVendors422Message() {
        answer(PATH, "{\"grant_type\":\"password\",\"username\":\"retailer@example.com\",\"password\":\"pw 1\"}", 422,
                "{\"code\":422,\"message\":\"Property \\\"username\\\" is not a retailer. Check the API reference"
                        + " documentation.\"}");

        Exchange done = call(winkelstraat(""));

        assertThat(done.getException()).isInstanceOf(TokenEndpointException.class)
                .hasMessageContaining("HTTP 422")
                .hasMessageContaining("Property \"username\" is not a retailer. Check the API reference documentation.");
    }

    @Test
    void withoutAUserTheGrantIsClientCredentials() {
        answer(PATH, "{\"grant_type\":\"client_credentials\"}", 200,
                "{\"access_token\":\"wc\",\"expires_in\":3600,\"token_type\":\"bearer\",\"scope\":\"null\"}");
        assertThat(authorization("vendorauth:winkelstraat?tokenUrl=" + vendor.baseUrl() + PATH + "&clientId=" + CLIENT_ID
                + "&clientSecret=" + CLIENT_SECRET)).isEqualTo("Bearer wc");
        assertThat(endpoint("vendorauth:winkelstraat?clientId=a&clientSecret=b").getTokenEndpoint())
                .isEqualTo("https://content.winkelstraat.nl/api/oauth/v1/retailer/token");
    }
}
