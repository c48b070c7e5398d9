package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.internal.profile.TokenKeyTest;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.Claim;
import org.lastmile.camel.vendorauth.spi.FailureState;
import org.lastmile.camel.vendorauth.spi.StoreEvent;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/**
 * Leases and failure records that cannot outlive a partition, on a real cluster: a lease whose renewals stopped standing is
 * lost at its deadline and writes nothing; a failure record of a lease won before the token the map holds fails nobody;
 * a Hazelcast client whose wall clock runs ahead shares the cluster's instants.
 */
class LeaseFencingTest {

    private static LoopbackCluster cluster;
    private static HazelcastInstance first;
    private static HazelcastInstance second;

    private final TokenKey key = TokenKeyTest.request("orders", "secret-" + System.nanoTime(), Map.of()).key();
    private final HazelcastCalls calls = new HazelcastCalls(Duration.ofSeconds(2));
    private final ClusterClock clock = new ClusterClock(first, Clock.systemUTC());
    private final StoreMaps maps = new StoreMaps(first);
    private final FlightMarkers markers = new FlightMarkers(maps.flights(), calls, clock);
    private final TokenEntries entries = new TokenEntries(maps.tokens(), calls, clock);
    private final CredentialSlot slot = new CredentialSlot(key);
    private final HazelcastTokenStore other = new HazelcastTokenStore(second, Duration.ofSeconds(17),
            Duration.ofSeconds(2), Clock.systemUTC());

    @BeforeAll
    static void startCluster() {
        cluster = new LoopbackCluster();
        first = cluster.startMember();
        second = cluster.startMember();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void close() {
        other.close();
        calls.close();
    }

    private static AccessToken token(String value, Instant obtainedAt) {
        return new AccessToken(value, "Bearer", obtainedAt.plus(Duration.ofHours(1)), null, null, obtainedAt);
    }

    private static FailureState refused() {
        TokenEndpointException failure = new TokenEndpointException("oauth2", TokenEndpointException.NO_RESPONSE, null,
                "SocketException talking to the vendor", null, null);
        return new FailureState(failure, 7, Instant.now().plusSeconds(30));
    }

    /** A lease of this test's own, won at {@code since}: what a member holds when its renewals stopped at that time. */
    private HazelcastLease lease(FlightMarkers.Won won, long since) {
        return new HazelcastLease(slot, "cut-off", null, markers, entries, calls, new CompletableFuture<>(), won.marker(),
                since);
    }

    @Test
    void aLeasePastItsDeadlineWithoutARenewalWritesNeitherItsFailureNorItsToken() throws Exception {
        FlightMarkers.Won won = (FlightMarkers.Won) markers.take(slot, "cut-off", null);
        // its last renewal stood four seconds ago: the others may have taken over since, whatever it heard
        HazelcastLease lease = lease(won, won.at() - 4000);

        lease.fail(refused());
        Claim next = other.claim(key, token -> true).get(30, TimeUnit.SECONDS);
        assertThat(next).as("no failure record of a lost lease").isInstanceOf(Claim.Won.class);
        ((Claim.Won) next).lease().release();

        FlightMarkers.Won again = (FlightMarkers.Won) markers.take(slot, "cut-off-again", null);
        lease(again, again.at() - 4000).succeed(token("late", Instant.now()));
        assertThat(other.get(key)).as("no token of a lost lease").isNull();
    }

    @Test
    void aFailureOfALeaseWonBeforeTheTokenInTheMapFailsNobody() throws Exception {
        List<StoreEvent> heard = new CopyOnWriteArrayList<>();
        other.subscribe(key, heard::add);
        FlightMarkers.Won won = (FlightMarkers.Won) markers.take(slot, "cut-off", null);
        HazelcastLease lease = lease(won, won.at());
        // meanwhile (as after a partition heals) the map holds a token another member asked for later
        Thread.sleep(5);
        entries.write(slot, token("majority", Instant.now()));

        lease.fail(refused());
        assertThat(maps.flights().get(key.id())).as("the record was written, in place of its own marker").isNotNull()
                .isNotEqualTo(won.marker());
        Claim next = other.claim(key, token -> false).get(30, TimeUnit.SECONDS);

        assertThat(next).as("the stale record is taken over").isInstanceOf(Claim.Won.class);
        ((Claim.Won) next).lease().release();
        assertThat(heard).as("nobody adopts the stale failure").noneMatch(StoreEvent.Failed.class::isInstance);
    }

    @Test
    void aFailureOfALeaseWonAfterTheTokenStillCounts() throws Exception {
        entries.write(slot, token("old", Instant.now().minusSeconds(1)));
        FlightMarkers.Won won = (FlightMarkers.Won) markers.take(slot, "refresh", null);

        lease(won, won.at()).fail(refused());

        assertThat(other.claim(key, token -> false).get(30, TimeUnit.SECONDS)).isInstanceOf(Claim.Failed.class);
    }

    @Test
    void aHazelcastClientWhoseClockRunsTenMinutesAheadSharesTheTokensRealExpiry() throws Exception {
        HazelcastInstance client = cluster.startClient();
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
        try (HazelcastTokenStore skewed = new HazelcastTokenStore(client, Duration.ofSeconds(17), Duration.ofSeconds(2),
                ahead)) {
            // what that client's policy makes of "expires_in: 300": five minutes from its own clock
            AccessToken fetched = new AccessToken("t1", "Bearer", ahead.instant().plusSeconds(300), null, null,
                    ahead.instant());
            ((Claim.Won) skewed.claim(key, token -> true).get(30, TimeUnit.SECONDS)).lease().succeed(fetched);

            AccessToken seen = other.get(key);
            Instant realExpiry = Instant.now().plusSeconds(300);
            assertThat(seen.expiresAt()).as("not the client's wall clock")
                    .isBetween(realExpiry.minusSeconds(2), realExpiry.plusSeconds(1));

            // and the other way: a member's token means the same instant in the client's clock
            AccessToken member = token("t2", Instant.now());
            ((Claim.Won) other.claim(key, token -> false).get(30, TimeUnit.SECONDS)).lease().succeed(member);
            eventually("the client reads the member's token", () -> "t2".equals(skewed.get(key).value()));
            assertThat(Duration.between(member.expiresAt().plus(Duration.ofMinutes(10)), skewed.get(key).expiresAt())
                    .abs()).isLessThan(Duration.ofSeconds(1));
        }
    }
}
