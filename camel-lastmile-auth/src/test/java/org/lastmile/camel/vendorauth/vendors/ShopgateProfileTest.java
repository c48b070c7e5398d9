package org.lastmile.camel.vendorauth.vendors;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/** Shopgate, per its authentication page. */
class ShopgateProfileTest extends VendorSimulatorSupport {

    private static final String SHOPGATE = "vendorauth:shopgate?clientId=" + CLIENT_ID + "&clientSecret=" + CLIENT_SECRET
            + "&username=api@merchant.example&password=RAW(p4ss&word)&tenantId=MERCHANT1";

    private String shopgate() {
        return SHOPGATE + "&tokenUrl=" + vendor.baseUrl() + "/oauth/token";
    }

    @BeforeEach
    void shortTokens() {
        context.getComponent("vendorauth", VendorAuthComponent.class).setRefreshMargin(1000);
    }

    /** The password request exactly as the page shows it. */
    private MappingBuilder passwordGrant() {
        return post("/oauth/token")
                .withHeader("Authorization", equalTo(basicRaw(CLIENT_ID, CLIENT_SECRET)))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("password"))
                .withFormParam("username", equalTo("api@merchant.example"))
                .withFormParam("password", equalTo("p4ss&word"))
                .withFormParam("tenantType", equalTo("merchant"))
                .withFormParam("tenantId", equalTo("MERCHANT1"));
    }

    /** The refresh request exactly as the page shows it: no Authorization header, the tenant parameters. */
    private MappingBuilder refreshGrant(String refreshToken) {
        return post("/oauth/token")
                .withHeader("Authorization", absent())
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(refreshToken))
                .withFormParam("tenantType", equalTo("merchant"))
                .withFormParam("tenantId", equalTo("MERCHANT1"));
    }

    private int refreshes() {
        return vendor.findAll(postRequestedFor(urlEqualTo("/oauth/token"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("grant_type=refresh_token")))
                .size();
    }

    @Test
    void passwordGrantThenRefreshesWithoutAuthorizationKeepingTheRefreshToken() {
        vendor.stubFor(passwordGrant().willReturn(TokenAnswers.token("s1", 2, "kcLKlSPYc2fDr4c2n0ApnYeGCFFCPmX3UJmNjwmi")));
        vendor.stubFor(refreshGrant("kcLKlSPYc2fDr4c2n0ApnYeGCFFCPmX3UJmNjwmi")
                .willReturn(TokenAnswers.freshToken(2)));

        assertThat(authorization(shopgate())).isEqualTo("Bearer s1");
        // two refreshes in a row with the same refresh token: the answer carries none, the old one is kept
        eventually("refreshed twice", () -> {
            authorization(shopgate());
            return refreshes() >= 2;
        });
        assertThat(authorization(shopgate())).startsWith("Bearer tok-");
        assertThat(vendor.findAll(postRequestedFor(urlEqualTo("/oauth/token"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("grant_type=password"))))
                .hasSize(1);
    }

    @Test
    void aRefusedRefreshFallsBackToThePasswordGrant() {
        vendor.stubFor(passwordGrant().inScenario("grants").whenScenarioStateIs("Started")
                .willReturn(TokenAnswers.token("s1", 2, "r1")).willSetStateTo("refused"));
        vendor.stubFor(refreshGrant("r1").willReturn(TokenAnswers.json(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid grant: refresh token is invalid\"}")));
        vendor.stubFor(passwordGrant().inScenario("grants").whenScenarioStateIs("refused")
                .willReturn(TokenAnswers.token("s2", 3600, "r2")));

        authorization(shopgate());
        eventually("a new token by password", () -> "Bearer s2".equals(authorization(shopgate())));
        assertThat(refreshes()).isEqualTo(1);
    }

    @Test
    void environmentsAndTheMerchantCode() {
        assertThat(endpoint(SHOPGATE).getTokenEndpoint()).isEqualTo("https://auth.shopgate.io/oauth/token");
        assertThat(endpoint(SHOPGATE + "&environment=staging").getTokenEndpoint())
                .isEqualTo("https://auth.demo.shopgatedev.io/oauth/token");
        assertThatThrownBy(() -> context.getEndpoint("vendorauth:shopgate?clientId=a&clientSecret=b&username=u&password=p"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("Option tenantId is required by profile 'shopgate'");
    }
}
