package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.test.LogCapture;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/** What a manager keeps: the credentials in use, at most a cap of them, and no caller waiting past a shutdown. */
class TokenManagerTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private static final PolicySettings SETTINGS = new PolicySettings(RefreshTiming.DEFAULT, Backoff.DEFAULT, 3,
            Duration.ofMinutes(1), 3);

    private final ManagerFixture fixture = new ManagerFixture(Duration.ofSeconds(30), SETTINGS, 2, null);
    private final TokenManager manager = fixture.manager();

    @AfterEach
    void stop() throws InterruptedException {
        fixture.close();
    }

    private static Credential tenant(int tenant) {
        return ManagerFixture.request(vendor.baseUrl() + "/token", Map.of("tenant", String.valueOf(tenant)));
    }

    private TokenSource used(int tenant) throws Exception {
        TokenSource source = manager.source(tenant(tenant));
        source.await().get(20, TimeUnit.SECONDS);
        return source;
    }

    @Test
    void credentialsUnusedForTheIdleTimeoutLeaveAndComeBackWithoutATokenCall() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(3600)));
        TokenSource busy = used(1);
        TokenSource idle = used(2);
        manager.sweep();

        fixture.clock().advance(Duration.ofSeconds(30));
        assertThat(busy.tryNow()).isNotNull();
        manager.sweep();
        fixture.clock().advance(Duration.ofSeconds(31));
        manager.sweep();

        assertThat(manager.size()).as("only the credential used within the minute stays").isEqualTo(1);
        assertThat(idle.retired()).isTrue();
        assertThat(busy.retired()).isFalse();
        assertThat(idle.tryNow()).as("a retired source forgets its token").isNull();

        TokenSource back = manager.source(tenant(2));
        assertThat(back).isNotSameAs(idle);
        assertThat(back.await().get(20, TimeUnit.SECONDS)).isNotNull();
        assertThat(tokenCalls(vendor)).as("the token came from the store, not the vendor").isEqualTo(2);
    }

    @Test
    void theCapRefusesNewCredentialsWithOneWarningUntilIdleOnesMakeRoom() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(3600)));
        for (int tenant = 1; tenant <= 3; tenant++) {
            used(tenant);
        }
        manager.sweep();
        try (LogCapture logs = new LogCapture()) {
            long warnings = 0;
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatThrownBy(() -> manager.source(tenant(4))).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("Option maxCredentials").hasMessageContaining("3 credentials");
                long now = logs.lines().stream().filter(line -> line.contains("Option maxCredentials")).count();
                if (attempt == 0) {
                    assertThat(now).as("warned at the cap").isPositive();
                    warnings = now;
                }
                assertThat(now).as("one warning, not one per refusal").isEqualTo(warnings);
            }
        }

        fixture.clock().advance(Duration.ofMinutes(2));
        assertThat(manager.source(tenant(4)).await().get(20, TimeUnit.SECONDS)).isNotNull();
        assertThat(manager.size()).isEqualTo(1);
    }

    @Test
    void stoppingAnswersCallersWaitingOnAnotherMembersFlight() throws Exception {
        // the other member's fetch hangs far beyond the test: only the shutdown can answer
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("too-late", 3600).withFixedDelay(60_000)));
        try (ManagerFixture other = new ManagerFixture(Duration.ofSeconds(90), SETTINGS, 1, fixture)) {
            CompletableFuture<LocalToken> fetching = other.manager().source(tenant(1)).await();
            eventually("the other member asks the vendor", () -> tokenCalls(vendor) == 1);

            TokenSource source = manager.source(tenant(1));
            List<CompletableFuture<LocalToken>> waiting = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                waiting.add(source.await());
            }
            assertThat(waiting).noneMatch(CompletableFuture::isDone);
            manager.stop();

            for (CompletableFuture<LocalToken> caller : waiting) {
                assertThat(caller).failsWithin(5, TimeUnit.SECONDS).withThrowableThat()
                        .withCauseInstanceOf(RejectedExecutionException.class)
                        .withMessageContaining("shutting down").withMessageContaining(source.key().toString());
            }
            assertThat(source.await()).as("and every later caller").failsWithin(5, TimeUnit.SECONDS);

            other.manager().stop();
            assertThat(fetching).as("the fetching member's own caller too").failsWithin(5, TimeUnit.SECONDS);
            assertThat(tokenCalls(vendor)).isEqualTo(1);
        }
    }
}
