package org.lastmile.camel.vendorauth.vendors;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.simulators.SimulatorServer;
import org.lastmile.camel.simulators.VendorCredentials;
import org.lastmile.camel.simulators.Winkelstraat;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/** Winkelstraat, per its retailer-token page (both copies): Basic of the raw id:secret, application/json and nothing else. */
class WinkelstraatProfileTest extends VendorSimulatorSupport {

    private final Winkelstraat winkelstraat = serve(new Winkelstraat(
            new VendorCredentials(CLIENT_ID, CLIENT_SECRET, "retailer@example.com", "pw 1", null), Clock.systemUTC()));

    private String winkelstraat(String options) {
        return uri("winkelstraat", winkelstraat, "&username=retailer@example.com&password=RAW(pw 1)" + options);
    }

    /** A first token of 2 s by password, then waits until {@code uri} carries the token its refresh got. */
    private void passwordThenRefresh(String uri) {
        context.getComponent("vendorauth", VendorAuthComponent.class).setRefreshMargin(1000);
        winkelstraat.lifetime(Duration.ofSeconds(2));
        String first = authorization(uri);
        winkelstraat.lifetime(Duration.ofHours(1));
        assertThat(winkelstraat.issuedFor(first).grant()).isEqualTo("password");
        eventually("renewed with the refresh token", () -> {
            String now = authorization(uri);
            return !now.equals(first) && "refresh_token".equals(winkelstraat.issuedFor(now).grant());
        });
    }

    @Test
    void passwordGrantThenRefreshWithTheJsonBodyThePageShows() {
        passwordThenRefresh(winkelstraat(""));
        assertThat(winkelstraat.tokenCalls()).isEqualTo(2);
    }

    @Test
    void theRefreshPathOfTheOtherCopyOfThePageIsAnOption() {
        winkelstraat.refreshAtSecondCopyPath();
        passwordThenRefresh(winkelstraat("&refreshUrl=" + winkelstraat.url(Winkelstraat.SECOND_COPY_REFRESH_PATH)));
        assertThat(winkelstraat.tokenCalls("refresh_token")).isEqualTo(1);
        assertThat(winkelstraat.refusals()).as("no refresh at the first copy's path").isEmpty();
    }

    @Test
    void aWrongContentTypeGetsTheVendors415Message() {
        Exchange done = call(winkelstraat("&bodyFormat=form"));

        assertThat(done.getException()).isInstanceOf(TokenEndpointException.class)
                .hasMessageContaining("HTTP 415").hasMessageContaining("Only 'application/json' is allowed.")
                .hasMessageNotContaining(CLIENT_SECRET);
    }

    @Test
    void anUnprocessableRequestGetsTheVendors422Message() {
        winkelstraat.refuseEveryGrant("Property \"username\" is not a retailer. Check the API reference documentation.");

        Exchange done = call(winkelstraat(""));

        assertThat(done.getException()).isInstanceOf(TokenEndpointException.class)
                .hasMessageContaining("HTTP 422")
                .hasMessageContaining("Property \"username\" is not a retailer. Check the API reference documentation.");
    }

    @Test
    void withoutAUserTheGrantIsClientCredentials() throws Exception {
        try (SimulatorServer other = new SimulatorServer()) {
            Winkelstraat clientOnly = other.add(new Winkelstraat(CLIENT, Clock.systemUTC()));
            assertThat(authorization(uri("winkelstraat", clientOnly, ""))).isEqualTo(clientOnly.lastIssued().bearer());
            assertThat(clientOnly.lastIssued().grant()).isEqualTo("client_credentials");
        }
        assertThat(endpoint("vendorauth:winkelstraat?clientId=a&clientSecret=b").getTokenEndpoint())
                .isEqualTo("https://content.winkelstraat.nl/api/oauth/v1/retailer/token");
    }
}
