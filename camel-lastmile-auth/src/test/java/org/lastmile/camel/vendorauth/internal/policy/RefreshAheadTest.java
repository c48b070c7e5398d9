package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/** Refresh ahead costs at most 1.25 token calls per lifetime, whatever the lifetime, and copies do not refresh together. */
class RefreshAheadTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private final ManagerFixture fixture = new ManagerFixture(Duration.ofSeconds(5), PolicySettings.DEFAULT, 2, null);

    @AfterEach
    void stop() throws InterruptedException {
        fixture.close();
    }

    /** A busy route on the fixture's clock: an exchange every hundredth of the lifetime (at most 1 s), for 20 lifetimes. */
    @ParameterizedTest(name = "{0} s tokens")
    @ValueSource(ints = { 2, 10, 120, 3600 })
    void aBusyRouteCostsAtMostAQuarterMoreCallsThanLifetimes(int lifetimeSeconds) throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(lifetimeSeconds)));
        TokenSource source = fixture.manager().source(ManagerFixture.request(vendor.baseUrl() + "/token"));
        Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
        Duration step = lifetime.dividedBy(100).compareTo(Duration.ofSeconds(1)) < 0 ? lifetime.dividedBy(100)
                : Duration.ofSeconds(1);
        int lifetimes = 20;
        for (long i = 0; i < lifetimes * lifetime.dividedBy(step); i++) {
            LocalToken token = source.tryNow();
            if (token == null) {
                token = source.await().get(20, TimeUnit.SECONDS);
            }
            assertThat(token.token().expiresAt()).isAfter(fixture.clock().instant());
            fixture.settle();
            fixture.clock().advance(step);
        }
        int calls = tokenCalls(vendor);
        // the first fetch, then a refresh at 80 % to 90 % of each token's life
        assertThat((calls - 1) / (double) lifetimes).as(calls + " calls").isBetween(1.0, 1.25);
        assertThat(source.statistics().waits()).as("nobody waited after the first fetch").isEqualTo(1);
    }

    /** The skew: max(250 ms, a tenth of the lifetime), at most 5 s, never before the refresh window opens. */
    @ParameterizedTest(name = "{0} ms tokens")
    @CsvSource({ "1000, 200", "2000, 250", "10000, 1000", "60000, 5000", "3600000, 5000" })
    void aTokenStopsBeingSentASkewBeforeItExpires(long lifetimeMillis, long skewMillis) {
        Instant now = ManagerFixture.START;
        AccessToken token = new AccessToken("t", "Bearer", now.plusMillis(lifetimeMillis), null, null, now);
        RefreshTiming timing = RefreshTiming.DEFAULT;

        assertThat(timing.skew(token)).isEqualTo(skewMillis);
        assertThat(timing.usableUntil(token)).isEqualTo(token.expiresAt().toEpochMilli() - skewMillis);
        assertThat(timing.windowOpens(token)).as("the refresh window opens first: at most 1.25 calls per lifetime")
                .isLessThanOrEqualTo(timing.usableUntil(token))
                .isGreaterThanOrEqualTo(now.plusMillis(lifetimeMillis * 4 / 5).toEpochMilli());
    }

    @Test
    void theOptionRaisesTheLeastSkewAndItsCap() {
        Instant now = ManagerFixture.START;
        AccessToken hour = new AccessToken("t", "Bearer", now.plusSeconds(3600), null, null, now);
        AccessToken twoSeconds = new AccessToken("t", "Bearer", now.plusSeconds(2), null, null, now);
        RefreshTiming timing = RefreshTiming.DEFAULT.withMinExpirySkew(Duration.ofSeconds(10));

        assertThat(timing.skew(hour)).isEqualTo(10_000);
        assertThat(timing.skew(twoSeconds)).as("never beyond the refresh window").isEqualTo(400);
        assertThatThrownBy(() -> RefreshTiming.DEFAULT.withMinExpirySkew(Duration.ofMillis(-1)))
                .hasMessageContaining("Option minExpirySkew");
    }

    @Test
    void copiesFetchedTogetherRefreshAtDifferentMomentsInsideTheWindow() {
        RefreshTiming timing = RefreshTiming.DEFAULT;
        Instant now = ManagerFixture.START;
        AccessToken token = new AccessToken("t", "Bearer", now.plusSeconds(600), null, null, now);
        Set<Long> moments = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long at = timing.refreshAt(token);
            assertThat(at).isBetween(timing.windowOpens(token), timing.usableUntil(token));
            moments.add(at);
        }
        // 600 s tokens: the window opens 60 s before expiry and the copy is sent until 5 s before it
        assertThat(timing.windowOpens(token)).isEqualTo(now.plusSeconds(540).toEpochMilli());
        assertThat(moments).as("a thousand credentials fetched together spread their refreshes").hasSizeGreaterThan(900);
    }
}
