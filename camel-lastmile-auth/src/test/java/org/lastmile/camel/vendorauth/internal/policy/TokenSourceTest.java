package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.test.MutableClock;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/** The policy of one credential: single flight, refresh ahead, refresh tokens, back-off, invalidation. */
class TokenSourceTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private final ManagerFixture fixture = new ManagerFixture(Duration.ofSeconds(5),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)), 2);
    private final MutableClock clock = fixture.clock();
    private final InMemoryTokenStore store = fixture.store();
    private final TokenManager manager = fixture.manager();
    private final Credential request = ManagerFixture.request(vendor.baseUrl() + "/token");

    @AfterEach
    void stop() throws InterruptedException {
        fixture.close();
    }

    private String token(TokenSource source) throws Exception {
        return source.await().get(20, TimeUnit.SECONDS).token().value();
    }

    @Test
    void concurrentColdCallersShareOneFetch() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 3600).withFixedDelay(300)));
        TokenSource source = manager.source(request);

        List<CompletableFuture<LocalToken>> waiting = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waiting.add(CompletableFuture.supplyAsync(() -> source.await().join()));
        }
        for (CompletableFuture<LocalToken> each : waiting) {
            assertThat(each.get(20, TimeUnit.SECONDS).authorization()).isEqualTo("Bearer t1");
        }
        assertThat(tokenCalls(vendor)).isEqualTo(1);
    }

    @Test
    void endpointsOfOneCredentialShareOneSource() {
        assertThat(manager.source(request)).isSameAs(manager.source(request));
    }

    @Test
    void refreshAheadServesTheCurrentTokenMeanwhile() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 100)));
        TokenSource source = manager.source(request);
        assertThat(token(source)).isEqualTo("t1");

        // the window opens at 80 s (the 60 s margin is capped at a fifth of the 100 s lifetime); the copy refreshes in
        // its first half, by 87.5 s
        clock.advance(Duration.ofSeconds(79));
        assertThat(source.tryNow().token().value()).isEqualTo("t1");
        assertThat(tokenCalls(vendor)).isEqualTo(1);

        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t2", 100).withFixedDelay(1500)));
        clock.advance(Duration.ofSeconds(9));
        assertThat(source.tryNow().token().value()).as("served while the refresh runs").isEqualTo("t1");
        assertThat(source.tryNow().token().value()).isEqualTo("t1");

        eventually("the refreshed token is served", () -> source.tryNow().token().value().equals("t2"));
        assertThat(tokenCalls(vendor)).isEqualTo(2);
    }

    @Test
    void callersWaitOnlyWhenTheTokenReallyExpired() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 100)));
        TokenSource source = manager.source(request);
        token(source);

        // due by 87.5 s, unusable from 95 s (the 5 s skew: less than a tenth of the lifetime)
        clock.advance(Duration.ofSeconds(89));
        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(503, "{}")));
        assertThat(source.tryNow()).isNotNull();
        eventually("the failed refresh has landed", () -> tokenCalls(vendor) == 2);
        clock.advance(Duration.ofSeconds(5));
        assertThat(source.tryNow()).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(source.tryNow()).isNull();
    }

    @Test
    void refreshTokenIsUsedAndItsRotationHonoured() throws Exception {
        vendor.stubFor(post("/token").withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(TokenAnswers.token("t1", 100, "r1")));
        vendor.stubFor(post("/token").withRequestBody(equalTo("grant_type=refresh_token&refresh_token=r1"))
                .willReturn(TokenAnswers.token("t2", 100, "r2")));
        vendor.stubFor(post("/token").withRequestBody(equalTo("grant_type=refresh_token&refresh_token=r2"))
                .willReturn(TokenAnswers.token("t3", 100)));
        TokenSource source = manager.source(request);
        assertThat(token(source)).isEqualTo("t1");

        clock.advance(Duration.ofSeconds(88));
        source.tryNow();
        eventually("refreshed with r1", () -> source.tryNow().token().value().equals("t2"));

        clock.advance(Duration.ofSeconds(88));
        source.tryNow();
        eventually("refreshed with the rotated r2", () -> source.tryNow().token().value().equals("t3"));
        assertThat(source.tryNow().token().refreshToken()).as("kept when the answer has none").isEqualTo("r2");
        assertThat(tokenCalls(vendor)).isEqualTo(3);
    }

    @Test
    void refusedRefreshFallsBackToThePrimaryGrant() throws Exception {
        vendor.stubFor(post("/token").withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(TokenAnswers.token("t1", 100, "r1")));
        vendor.stubFor(post("/token").withRequestBody(equalTo("grant_type=refresh_token&refresh_token=r1"))
                .willReturn(TokenAnswers.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired\"}")));
        TokenSource source = manager.source(request);
        token(source);

        vendor.stubFor(post("/token").withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(TokenAnswers.token("t2", 100)));
        clock.advance(Duration.ofSeconds(95));

        assertThat(token(source)).isEqualTo("t2");
        vendor.verify(1, postRequestedFor(urlEqualTo("/token"))
                .withRequestBody(equalTo("grant_type=refresh_token&refresh_token=r1")));
        vendor.verify(2, postRequestedFor(urlEqualTo("/token")).withRequestBody(equalTo("grant_type=client_credentials")));
    }

    @Test
    void failuresAreNotCachedAndBackOffOnceTheyPersist() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(503,
                "{\"error\":\"temporarily_unavailable\",\"error_description\":\"Maintenance\"}")));
        TokenSource source = manager.source(request);

        assertThatThrownBy(() -> token(source)).hasCauseInstanceOf(TokenEndpointException.class)
                .hasMessageContaining("Maintenance");
        assertThat(store.get(request.key())).as("nothing cached after a failure").isNull();
        // a hiccup is not served to the next caller: each asks again until the third failure in a row
        for (int i = 2; i <= 3; i++) {
            assertThatThrownBy(() -> token(source)).hasMessageContaining("Maintenance")
                    .hasMessageNotContaining("not asked again");
            assertThat(tokenCalls(vendor)).isEqualTo(i);
        }

        // within the back-off: fail fast with the vendor's words, without asking again
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> token(source)).hasMessageContaining("Maintenance")
                    .hasMessageContaining("not asked again").hasMessageContaining("after 3 failures");
        }
        assertThat(tokenCalls(vendor)).isEqualTo(3);

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> token(source)).hasMessageContaining("Maintenance");
        assertThat(tokenCalls(vendor)).as("asked again once the first back-off passed").isEqualTo(4);

        // the second back-off is longer: 1 s no longer suffices, 2 s does
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 3600)));
        clock.advance(Duration.ofSeconds(2));
        assertThat(token(source)).isEqualTo("t1");
        assertThat(tokenCalls(vendor)).isEqualTo(5);
    }

    @Test
    void retryAfterIsHonoured() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(429, "{\"error\":\"slow_down\"}")
                .withHeader("Retry-After", "120")));
        TokenSource source = manager.source(request);
        assertThatThrownBy(() -> token(source)).hasMessageContaining("slow_down");

        clock.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> token(source)).hasMessageContaining("not asked again");
        assertThat(tokenCalls(vendor)).isEqualTo(1);
    }

    @Test
    void aStillValidTokenIsServedWhileRefreshesFail() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 100)));
        TokenSource source = manager.source(request);
        token(source);

        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(500, "{}")));
        clock.advance(Duration.ofSeconds(88));
        assertThat(source.tryNow().token().value()).isEqualTo("t1");
        eventually("the failed refresh has landed", () -> tokenCalls(vendor) == 2);
        for (int i = 0; i < 100; i++) {
            assertThat(source.tryNow().token().value()).isEqualTo("t1");
        }
        assertThat(tokenCalls(vendor)).as("no refresh storm during the back-off").isEqualTo(2);
    }

    @Test
    void invalidationDropsOnlyTheCurrentToken() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(3600)));
        TokenSource source = manager.source(request);
        String first = token(source);

        assertThat(source.invalidate("an-older-token").get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(source.tryNow().token().value()).isEqualTo(first);

        assertThat(source.invalidate(first).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(source.tryNow()).isNull();
        String second = token(source);
        assertThat(second).isNotEqualTo(first);

        assertThat(source.invalidate(first).get(5, TimeUnit.SECONDS)).as("a late 401 for the old token").isFalse();
        assertThat(source.tryNow().token().value()).isEqualTo(second);
        assertThat(tokenCalls(vendor)).isEqualTo(2);
    }

    @Test
    void concurrentInvalidationsOfOneTokenCauseOneFetch() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(3600).withFixedDelay(200)));
        TokenSource source = manager.source(request);
        String first = token(source);

        List<CompletableFuture<String>> retries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            retries.add(CompletableFuture.supplyAsync(() -> {
                source.invalidate(first).join();
                return source.await().join().token().value();
            }));
        }
        for (CompletableFuture<String> retry : retries) {
            assertThat(retry.get(20, TimeUnit.SECONDS)).isNotEqualTo(first);
        }
        assertThat(tokenCalls(vendor)).isEqualTo(2);
    }
}
