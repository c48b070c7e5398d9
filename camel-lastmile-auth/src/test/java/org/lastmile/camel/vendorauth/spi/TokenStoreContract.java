package org.lastmile.camel.vendorauth.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.internal.profile.TokenKeyTest;

import org.lastmile.camel.vendorauth.test.Claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/** What every {@link TokenStore} promises, run against each of them. */
public abstract class TokenStoreContract {

    protected final ExecutorService executor = Executors.newFixedThreadPool(4);
    protected final TokenKey key = TokenKeyTest.request("orders", "secret-" + System.nanoTime(), Map.of()).key();

    /** The store under test; a fresh one for each test. */
    protected abstract TokenStore store();

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    protected static AccessToken token(String value, Duration lifetime) {
        Instant now = Instant.now();
        return new AccessToken(value, "Bearer", now.plus(lifetime), null, null, now);
    }

    private AccessToken fetch(TokenFetcher fetcher) throws Exception {
        return Claims.fetch(store(), key, t -> true, fetcher, executor).get(20, TimeUnit.SECONDS);
    }

    @Test
    void concurrentFetchesOfOneKeyShareOneFetch() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        TokenFetcher slow = current -> {
            fetches.incrementAndGet();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return token("t1", Duration.ofHours(1));
        };
        List<CompletableFuture<AccessToken>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(Claims.fetch(store(), key, t -> false, slow, executor));
        }
        for (CompletableFuture<AccessToken> each : all) {
            assertThat(each.get(20, TimeUnit.SECONDS).value()).isEqualTo("t1");
        }
        assertThat(fetches).hasValue(1);
        assertThat(store().get(key).value()).isEqualTo("t1");
    }

    @Test
    void theWinnerReadsAgainAndReusesWhatIsThere() throws Exception {
        fetch(current -> token("t1", Duration.ofHours(1)));
        AtomicInteger fetches = new AtomicInteger();

        AccessToken reused = Claims.fetch(store(), key, t -> t.value().equals("t1"), current -> {
            fetches.incrementAndGet();
            return token("t2", Duration.ofHours(1));
        }, executor).get(20, TimeUnit.SECONDS);

        assertThat(reused.value()).isEqualTo("t1");
        assertThat(fetches).hasValue(0);
    }

    @Test
    void theFetcherGetsTheCurrentTokenAndItsRefreshToken() throws Exception {
        Instant now = Instant.now();
        fetch(current -> new AccessToken("t1", "Bearer", now.plusSeconds(3600), "r1", null, now));
        List<AccessToken> seen = new CopyOnWriteArrayList<>();

        Claims.fetch(store(), key, t -> false, current -> {
            seen.add(current);
            return token("t2", Duration.ofHours(1));
        }, executor).get(20, TimeUnit.SECONDS);

        assertThat(seen).singleElement().satisfies(current -> {
            assertThat(current.value()).isEqualTo("t1");
            assertThat(current.refreshToken()).isEqualTo("r1");
        });
    }

    @Test
    void aFailedFetchSavesNothingAndTheNextOneRuns() throws Exception {
        assertThatThrownBy(() -> fetch(current -> {
            throw new IllegalStateException("vendor down");
        })).hasRootCauseMessage("vendor down");
        assertThat(store().get(key)).isNull();

        eventually("a new flight once the failure has passed", () -> {
            try {
                return fetch(current -> token("t1", Duration.ofHours(1))).value().equals("t1");
            } catch (Exception stillFailing) {
                return false;
            }
        });
    }

    @Test
    void invalidateRemovesOnlyTheCurrentToken() throws Exception {
        fetch(current -> token("t1", Duration.ofHours(1)));

        assertThat(store().invalidate(key, "t0")).isFalse();
        assertThat(store().get(key).value()).isEqualTo("t1");
        assertThat(store().invalidate(key, "t1")).isTrue();
        assertThat(store().get(key)).isNull();
        assertThat(store().invalidate(key, "t1")).isFalse();
    }

    @Test
    void subscribersHearOfInvalidatedTokensOnly() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = store().subscribe(key, event -> {
            if (event instanceof StoreEvent.Invalidated invalidated) {
                heard.add(invalidated.fingerprint());
            }
        });

        AccessToken first = fetch(current -> token("t1", Duration.ofHours(1)));
        assertThat(store().invalidate(key, "t0")).as("not the stored token").isFalse();
        store().invalidate(key, "t1");
        eventually("told of the invalidation", () -> heard.contains(first.fingerprint()));
        assertThat(heard).as("a new token is not announced, and only the refused one is named")
                .containsOnly(first.fingerprint());

        subscription.close();
        heard.clear();
        Claims.fetch(store(), key, t -> false, current -> token("t2", Duration.ofHours(1)), executor).get(20, TimeUnit.SECONDS);
        store().invalidate(key, "t2");
        assertThat(store().get(key)).isNull();
        assertThat(heard).as("nothing after the subscription ended").isEmpty();
    }

    @Test
    void tokensAreKeptUntilTheyExpireAndNoLonger() throws Exception {
        fetch(current -> token("short", Duration.ofMillis(1500)));
        assertThat(store().get(key).value()).isEqualTo("short");
        eventually("the expired token is gone", () -> store().get(key) == null);
    }
}
