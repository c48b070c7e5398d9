package org.lastmile.camel.vendorauth.vendors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.simulators.Woop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Woop (Last-Mile), per its authentication page: form-encoded only, four fields, no Authorization header. */
class WoopProfileTest extends VendorSimulatorSupport {

    private final Woop woop = serve(new Woop(CLIENT, Clock.systemUTC()));

    private String woop(String options) {
        return uri("woop", woop, options);
    }

    @Test
    void aJwtTokenAndTheEnvironmentsApiUrl() {
        woop.lifetime(Duration.ofHours(24));

        Exchange done = call(woop("&environment=staging"));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader("Authorization")).isEqualTo(woop.lastIssued().bearer());
        assertThat(done.getMessage().getHeader("CamelVendorAuthBaseUrl")).isEqualTo("https://ret-api.recette.gcp.last-mile.fr");
        assertThat(woop.tokenCalls()).isEqualTo(1);
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
        woop.opaqueTokens();
        woop.lifetime(Duration.ofHours(2));
        authorization(woop(""));
        assertThat(Instant.parse(endpoint(woop("")).getTokenExpiresAt()))
                .isCloseTo(Instant.now().plus(Duration.ofHours(2)), within(Duration.ofMinutes(1)));
    }

    @Test
    void neverKeptLongerThanTwentyFourHours() {
        woop.opaqueTokens();
        woop.lifetime(Duration.ofDays(7));
        authorization(woop(""));
        assertThat(Instant.parse(endpoint(woop("")).getTokenExpiresAt()))
                .isCloseTo(Instant.now().plus(Duration.ofHours(24)), within(Duration.ofMinutes(1)));
    }

    @Test
    void theAudienceCanBeOverridden() {
        woop.audience("https://other.example/");
        assertThat(authorization(woop("&audience=https://other.example/"))).isEqualTo(woop.lastIssued().bearer());
    }
}
