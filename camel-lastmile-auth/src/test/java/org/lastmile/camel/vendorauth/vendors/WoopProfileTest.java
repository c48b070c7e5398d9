package org.lastmile.camel.vendorauth.vendors;

import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Woop (Last-Mile), per its authentication page. */
class WoopProfileTest extends VendorSimulatorSupport {

    private String woop(String options) {
        return "vendorauth:woop?tokenUrl=" + vendor.baseUrl() + "/oauth/token&clientId=" + CLIENT_ID
                + "&clientSecret=" + CLIENT_SECRET + options;
    }

    /** The token call exactly as the page shows it: form-encoded only, four fields, no Authorization header. */
    private void answer(String json) {
        vendor.stubFor(post("/oauth/token")
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withHeader("Authorization", absent())
                .withFormParam("client_id", equalTo(CLIENT_ID))
                .withFormParam("client_secret", equalTo(CLIENT_SECRET))
                .withFormParam("audience", equalTo("https://retailer.last-mile.fr/"))
                .withFormParam("grant_type", equalTo("client_credentials"))
                .willReturn(TokenAnswers.json(200, json)));
    }

    @Test
    void aJwtTokenAndTheEnvironmentsApiUrl() {
        String token = jwt(Instant.now().plus(Duration.ofHours(24)));
        answer("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":86400000,"
                + "\"audience\":\"https://retailer.last-mile.fr/\"}");

        Exchange done = call(woop("&environment=staging"));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader("Authorization")).isEqualTo("Bearer " + token);
        assertThat(done.getMessage().getHeader("CamelVendorAuthBaseUrl")).isEqualTo("https://ret-api.recette.gcp.last-mile.fr");
        assertThat(calls("/oauth/token")).isEqualTo(1);
    }

    @Test
    void environmentsAsThePageListsThem() {
        assertThat(endpoint("vendorauth:woop?clientId=a&clientSecret=b").getTokenEndpoint())
                .isEqualTo("https://token.last-mile.fr/oauth/token");
        assertThat(endpoint("vendorauth:woop?clientId=a&clientSecret=b&environment=preproduction").getTokenEndpoint())
                .isEqualTo("https://connect.preprod.gcp.last-mile.fr/api/oauth/token");
        assertThat(endpoint("vendorauth:woop?clientId=a&clientSecret=b&environment=staging").getTokenEndpoint())
                .isEqualTo("https://connect.recette.gcp.last-mile.fr/api/oauth/token");
    }

    @Test
    void expiresInIsReadInMilliseconds() {
        answer("{\"access_token\":\"opaque-1\",\"token_type\":\"bearer\",\"expires_in\":7200000}");
        authorization(woop(""));
        assertThat(Instant.parse(endpoint(woop("")).getTokenExpiresAt()))
                .isCloseTo(Instant.now().plus(Duration.ofHours(2)), within(Duration.ofMinutes(1)));
    }

    @Test
    void neverKeptLongerThanTwentyFourHours() {
        answer("{\"access_token\":\"opaque-2\",\"token_type\":\"bearer\",\"expires_in\":604800000}");
        authorization(woop(""));
        assertThat(Instant.parse(endpoint(woop("")).getTokenExpiresAt()))
                .isCloseTo(Instant.now().plus(Duration.ofHours(24)), within(Duration.ofMinutes(1)));
    }

    @Test
    void theAudienceCanBeOverridden() {
        vendor.stubFor(post("/oauth/token").withFormParam("audience", equalTo("https://other.example/"))
                .willReturn(TokenAnswers.token("t-other", 3_600_000)));
        assertThat(authorization(woop("&audience=https://other.example/"))).isEqualTo("Bearer t-other");
    }
}
