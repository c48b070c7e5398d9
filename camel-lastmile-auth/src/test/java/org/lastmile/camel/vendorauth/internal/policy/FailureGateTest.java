package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;
import static org.assertj.core.api.Assertions.fail;

/**
 * When a failing token endpoint is asked again and when callers are failed fast, on two policies that share one store (as
 * two cluster members do): the one that asks and one that never asked.
 */
class FailureGateTest {

    private static final String MAINTENANCE = "{\"error\":\"temporarily_unavailable\",\"error_description\":"
            + "\"Planned maintenance\"}";

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private final ManagerFixture asking = new ManagerFixture(Duration.ofSeconds(5), PolicySettings.DEFAULT, 2, null);
    private final ManagerFixture silent = new ManagerFixture(Duration.ofSeconds(5), PolicySettings.DEFAULT, 2, asking);
    private final Credential credential = ManagerFixture.request(vendor.baseUrl() + "/token");

    @AfterEach
    void stop() throws InterruptedException {
        silent.close();
        asking.close();
    }

    private static String token(TokenSource source) throws Exception {
        return source.await().get(20, TimeUnit.SECONDS).token().value();
    }

    private static TokenEndpointException failure(TokenSource source) throws Exception {
        try {
            source.await().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TokenEndpointException.class);
            return (TokenEndpointException) e.getCause();
        }
        return fail("a token came although the endpoint fails");
    }

    /** The first {@code failures} token calls answer 503, every later one a token. */
    private static void failing(int failures) {
        for (int i = 0; i < failures; i++) {
            vendor.stubFor(post("/token").inScenario("hiccup").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "f" + i)
                    .willReturn(TokenAnswers.json(503, MAINTENANCE)).willSetStateTo("f" + (i + 1)));
        }
        vendor.stubFor(post("/token").inScenario("hiccup").whenScenarioStateIs("f" + failures)
                .willReturn(TokenAnswers.token("good", 3600)));
    }

    /** The endpoint is down and the source asks it three times in a row: the fail-fast threshold. */
    private static void failThreeTimes(TokenSource source) throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(503, MAINTENANCE)));
        for (int i = 0; i < 3; i++) {
            failure(source);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2 })
    void aHiccupIsNotServedToTheNextCaller(int failures) throws Exception {
        failing(failures);
        TokenSource source = asking.manager().source(credential);
        for (int i = 1; i <= failures; i++) {
            assertThat(failure(source).getMessage()).contains("Planned maintenance").doesNotContain("not asked again");
            assertThat(source.failing()).as("a hiccup is no outage").isFalse();
        }

        assertThat(token(source)).as("the next caller asks again at once").isEqualTo("good");
        assertThat(tokenCalls(vendor)).as("one call per caller").isEqualTo(failures + 1);
    }

    @Test
    void persistentFailuresFailFastWithTheVendorsWordsWhereverTheCallerIs() throws Exception {
        TokenSource source = asking.manager().source(credential);
        TokenSource elsewhere = silent.manager().source(credential);
        failThreeTimes(source);
        assertThat(tokenCalls(vendor)).isEqualTo(3);
        assertThat(source.failing()).as("DOWN once failing fast").isTrue();
        assertThat(elsewhere.failing()).as("told through the store").isTrue();

        for (TokenSource caller : new TokenSource[] { source, elsewhere }) {
            TokenEndpointException fast = failure(caller);
            assertThat(fast.getStatus()).isEqualTo(503);
            assertThat(fast.getError()).isEqualTo("temporarily_unavailable");
            assertThat(fast.getMessage()).contains("HTTP 503").contains("Planned maintenance")
                    .contains("the vendor was not asked again").contains(" ms more").contains("after 3 failures");
        }
        assertThat(new TokenEndpointException("oauth2", 503, null, "down", null, null)
                .whileBackingOff(Duration.ZERO, 1).getMessage()).as("no wait left: said so, not as 0 ms")
                .contains("will be asked again at once").doesNotContain(" ms");
        // a member that comes later, and has never asked, learns the same from the store
        try (ManagerFixture late = new ManagerFixture(Duration.ofSeconds(5), PolicySettings.DEFAULT, 1, asking)) {
            assertThat(failure(late.manager().source(credential)).getMessage()).contains("Planned maintenance")
                    .contains("not asked again");
        }
        assertThat(tokenCalls(vendor)).as("nobody asked while failing fast").isEqualTo(3);
    }

    @Test
    void theFirstSuccessAnywhereEndsFailingFastEverywhere() throws Exception {
        TokenSource source = asking.manager().source(credential);
        TokenSource elsewhere = silent.manager().source(credential);
        failThreeTimes(source);
        assertThat(failure(elsewhere).getMessage()).contains("not asked again");

        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("recovered", 3600)));
        asking.clock().advance(Duration.ofSeconds(1));
        assertThat(token(source)).isEqualTo("recovered");

        assertThat(elsewhere.failing()).as("UP at once on the member that never asked").isFalse();
        assertThat(token(elsewhere)).as("the stored token, without failing fast").isEqualTo("recovered");
        assertThat(tokenCalls(vendor)).isEqualTo(4);
    }

    @Test
    void aRetryAfterIsHonouredFromTheFirstFailureEverywhere() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(429, "{\"error\":\"slow_down\"}")
                .withHeader("Retry-After", "30")));
        TokenSource source = asking.manager().source(credential);
        TokenSource elsewhere = silent.manager().source(credential);
        assertThat(failure(source).getMessage()).contains("slow_down");

        asking.clock().advance(Duration.ofSeconds(29));
        for (TokenSource caller : new TokenSource[] { source, elsewhere }) {
            assertThat(failure(caller).getMessage()).contains("slow_down").contains("not asked again")
                    .contains("after 1 failure ");
            assertThat(caller.failing()).isTrue();
        }
        assertThat(tokenCalls(vendor)).isEqualTo(1);

        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("after-wait", 3600)));
        asking.clock().advance(Duration.ofSeconds(1));
        assertThat(token(elsewhere)).isEqualTo("after-wait");
        assertThat(tokenCalls(vendor)).isEqualTo(2);
    }
}
