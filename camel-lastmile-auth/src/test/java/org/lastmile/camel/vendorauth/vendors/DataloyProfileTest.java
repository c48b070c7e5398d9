package org.lastmile.camel.vendorauth.vendors;

import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dataloy, per its authentication page. */
class DataloyProfileTest extends VendorSimulatorSupport {

    private String dataloy(String options) {
        return "vendorauth:dataloy?tokenUrl=" + vendor.baseUrl() + "/customer/oauth/token&clientId=" + CLIENT_ID
                + "&clientSecret=" + CLIENT_SECRET + options;
    }

    /** The payload exactly as the page shows it: four fields in a JSON body, no Authorization header. */
    private void answerFor(String audience, String token) {
        vendor.stubFor(post("/customer/oauth/token")
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Authorization", absent())
                .withRequestBody(equalToJson("{\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\"" + CLIENT_SECRET
                        + "\",\"audience\":\"" + audience + "\",\"grant_type\":\"client_credentials\"}"))
                .willReturn(TokenAnswers.json(200, "{\"access_token\":\"" + token + "\",\"expires_in\":86400,"
                        + "\"token_type\":\"Bearer\"}")));
    }

    @Test
    void productionAudienceByDefault() {
        answerFor("https://dataloy", "d-prod");
        assertThat(authorization(dataloy(""))).isEqualTo("Bearer d-prod");
        assertThat(authorization(dataloy(""))).as("reused while valid").isEqualTo("Bearer d-prod");
        assertThat(calls("/customer/oauth/token")).isEqualTo(1);
    }

    @Test
    void devEnvironmentAudienceAndTheAudienceOption() {
        answerFor("https://dataloy.dev", "d-dev");
        answerFor("https://dataloy.internal", "d-internal");
        assertThat(authorization(dataloy("&environment=dev"))).isEqualTo("Bearer d-dev");
        assertThat(authorization(dataloy("&audience=https://dataloy.internal"))).isEqualTo("Bearer d-internal");
    }

    @Test
    void withoutATokenUrlTheEndpointFailsAtStartUp() {
        assertThatThrownBy(() -> context.getEndpoint("vendorauth:dataloy?clientId=a&clientSecret=b"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("Option tokenUrl is required")
                .hasMessageContaining("Dataloy hands out the token URL to each customer");
    }
}
