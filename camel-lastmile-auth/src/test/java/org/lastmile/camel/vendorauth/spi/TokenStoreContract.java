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
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.internal.profile.TokenKeyTest;
import org.lastmile.camel.vendorauth.test.StoreFlights;

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

    private AccessToken fetch(Function<AccessToken, AccessToken> fetcher) throws Exception {
        return StoreFlights.fetch(store(), key, t -> true, fetcher, executor).get(20, TimeUnit.SECONDS);
    }

    private Claim claim() throws Exception {
        return store().claim(key, t -> false).get(20, TimeUnit.SECONDS);
    }

    private static FailureState failure(String words) {
        return new FailureState(new TokenEndpointException("test", 503, "temporarily_unavailable", words, null, null), 1,
                Instant.EPOCH);
    }

    @Test
    void concurrentClaimsOfOneKeyHaveOneWinnerAndTheOthersGetItsToken() throws Exception {
        List<CompletableFuture<Claim>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(store().claim(key, t -> false));
        }
        eventually("one claim won", () -> all.stream().anyMatch(c -> c.getNow(null) instanceof Claim.Won));
        Claim.Won won = (Claim.Won) all.stream().filter(c -> c.getNow(null) instanceof Claim.Won).findFirst()
                .orElseThrow().get();
        assertThat(won.lease().current()).isNull();
        won.lease().succeed(token("t1", Duration.ofHours(1)));

        for (CompletableFuture<Claim> each : all) {
            Claim claim = each.get(20, TimeUnit.SECONDS);
            if (claim != won) {
                assertThat(claim).isInstanceOfSatisfying(Claim.Found.class,
                        found -> assertThat(found.token().value()).isEqualTo("t1"));
            }
        }
        assertThat(store().get(key).value()).isEqualTo("t1");
    }

    @Test
    void theWinnerReadsAgainAndReusesWhatIsThere() throws Exception {
        fetch(current -> token("t1", Duration.ofHours(1)));

        Claim claim = store().claim(key, t -> t.value().equals("t1")).get(20, TimeUnit.SECONDS);

        assertThat(claim).isInstanceOfSatisfying(Claim.Found.class,
                found -> assertThat(found.token().value()).isEqualTo("t1"));
    }

    @Test
    void theLeaseCarriesTheCurrentTokenAndItsRefreshToken() throws Exception {
        Instant now = Instant.now();
        fetch(current -> new AccessToken("t1", "Bearer", now.plusSeconds(3600), "r1", null, now));

        Claim claim = claim();

        assertThat(claim).isInstanceOfSatisfying(Claim.Won.class, won -> {
            assertThat(won.lease().current().value()).isEqualTo("t1");
            assertThat(won.lease().current().refreshToken()).isEqualTo("r1");
            won.lease().succeed(token("t2", Duration.ofHours(1)));
        });
        assertThat(store().get(key).value()).isEqualTo("t2");
    }

    @Test
    void aFailedLeaseSavesNothingTellsTheWaitersAndTheNextClaimMayWin() throws Exception {
        Claim.Won won = (Claim.Won) claim();
        CompletableFuture<Claim> waiter = store().claim(key, t -> false);
        won.lease().fail(failure("Maintenance"));

        assertThat(waiter.get(20, TimeUnit.SECONDS)).isInstanceOfSatisfying(Claim.Failed.class,
                failed -> assertThat(failed.state().lastFailure().getMessage()).contains("Maintenance"));
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
    void aReleasedLeaseLetsAWaiterWin() throws Exception {
        Claim.Won first = (Claim.Won) claim();
        CompletableFuture<Claim> waiter = store().claim(key, t -> false);
        first.lease().release();

        assertThat(waiter.get(20, TimeUnit.SECONDS)).isInstanceOfSatisfying(Claim.Won.class,
                won -> won.lease().succeed(token("t1", Duration.ofHours(1))));
        assertThat(store().get(key).value()).isEqualTo("t1");
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
    void subscribersHearOfStoredInvalidatedAndFailedTokensByFingerprint() throws Exception {
        List<StoreEvent> heard = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = store().subscribe(key, heard::add);

        AccessToken first = fetch(current -> token("t1", Duration.ofHours(1)));
        eventually("told of the new token", () -> heard.contains(new StoreEvent.Stored(first.fingerprint())));
        assertThat(store().invalidate(key, "t0")).as("not the stored token").isFalse();
        store().invalidate(key, "t1");
        eventually("told of the invalidation", () -> heard.contains(new StoreEvent.Invalidated(first.fingerprint())));
        FailureState failed = failure("Maintenance");
        ((Claim.Won) claim()).lease().fail(failed);
        eventually("told of the failure", () -> heard.contains(new StoreEvent.Failed(failed)));
        assertThat(heard).as("no token text travels").allSatisfy(event -> assertThat(event.toString()).doesNotContain("t1"));

        subscription.close();
        heard.clear();
        fetch(current -> token("t2", Duration.ofHours(1)));
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

    @Test
    void aFetchThatThrowsFailsItsCaller() {
        assertThatThrownBy(() -> fetch(current -> {
            throw new IllegalStateException("vendor down");
        })).hasRootCauseMessage("vendor down");
        assertThat(store().get(key)).isNull();
    }
}
