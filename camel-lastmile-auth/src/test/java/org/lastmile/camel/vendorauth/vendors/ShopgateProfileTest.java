package org.lastmile.camel.vendorauth.vendors;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.simulators.Shopgate;
import org.lastmile.camel.simulators.VendorCredentials;
import org.lastmile.camel.vendorauth.VendorAuthComponent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/**
 * Shopgate, per its authentication page: the password grant with Basic and the tenant, refreshes without an Authorization
 * header and with the tenant.
 */
class ShopgateProfileTest extends VendorSimulatorSupport {

    private static final String SHOPGATE = "vendorauth:shopgate?clientId=" + CLIENT_ID + "&clientSecret=" + CLIENT_SECRET
            + "&username=api@merchant.example&password=RAW(p4ss&word)&tenantId=MERCHANT1";

    private final Shopgate shopgate = serve(new Shopgate(
            new VendorCredentials(CLIENT_ID, CLIENT_SECRET, "api@merchant.example", "p4ss&word", "MERCHANT1"),
            Clock.systemUTC()));

    @BeforeEach
    void shortTokens() {
        context.getComponent("vendorauth", VendorAuthComponent.class).setRefreshMargin(1000);
        shopgate.lifetime(Duration.ofSeconds(2));
    }

    private String shopgate() {
        return SHOPGATE + "&tokenUrl=" + shopgate.tokenUrl();
    }

    private String grantOf(String authorization) {
        return shopgate.issuedFor(authorization).grant();
    }

    @Test
    void passwordGrantThenRefreshesWithoutAuthorizationKeepingTheRefreshToken() {
        assertThat(grantOf(authorization(shopgate()))).isEqualTo("password");
        // two refreshes in a row with the same refresh token: the answer carries none, the old one is kept
        eventually("refreshed twice", () -> {
            authorization(shopgate());
            return shopgate.tokenCalls("refresh_token") >= 2;
        });
        assertThat(grantOf(authorization(shopgate()))).isEqualTo("refresh_token");
        assertThat(shopgate.tokenCalls("password")).isEqualTo(1);
    }

    @Test
    void aRefusedRefreshFallsBackToThePasswordGrant() {
        authorization(shopgate());
        shopgate.revokeRefreshTokens();
        shopgate.lifetime(Duration.ofHours(1));

        eventually("a new token by password", () -> "password".equals(grantOf(authorization(shopgate())))
                && shopgate.tokenCalls("password") == 2);
        assertThat(shopgate.tokenCalls("refresh_token")).isEqualTo(1);
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
