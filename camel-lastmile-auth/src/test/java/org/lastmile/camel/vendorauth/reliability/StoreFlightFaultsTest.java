package org.lastmile.camel.vendorauth.reliability;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.test.MutableClock;
import org.lastmile.camel.vendorauth.test.StoreFlights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/** The in-memory store's single flight when fetches fail. */
class StoreFlightFaultsTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aFetchStartedTheMomentAFlightFailsIsANewFlight() throws Exception {
        MutableClock clock = new MutableClock(ManagerFixture.START);
        InMemoryTokenStore store = new InMemoryTokenStore(clock);
        TokenKey key = ManagerFixture.request("http://127.0.0.1:1/token").key();
        AccessToken fresh = new AccessToken("fresh", "Bearer", Instant.parse("2026-01-01T01:00:00Z"), null, null,
                ManagerFixture.START);
        AtomicReference<CompletableFuture<AccessToken>> retry = new AtomicReference<>();

        CompletableFuture<AccessToken> failing = StoreFlights.fetch(store, key, token -> false, current -> {
            throw new TokenEndpointException("test", 503, "down", null, null, null);
        }, executor);
        // a caller that retries as soon as it hears of the failure, as a back-off of zero does
        failing.whenComplete((token, failure) -> retry.set(StoreFlights.fetch(store, key, token2 -> false,
                current -> fresh, executor)));

        assertThat(failing).failsWithin(5, TimeUnit.SECONDS);
        // the retry starts in the failure's callback, which may run after the wait above returns: wait for it
        eventually("the retry started", () -> retry.get() != null);
        assertThat(retry.get()).as("not the failed flight again").succeedsWithin(5, TimeUnit.SECONDS).isSameAs(fresh);
        assertThat(store.get(key)).isSameAs(fresh);
    }
}
