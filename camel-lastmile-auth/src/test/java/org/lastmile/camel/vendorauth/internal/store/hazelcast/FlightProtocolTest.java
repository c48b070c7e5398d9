package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryUpdatedListener;
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
 * The flight protocol between two stores on two members of a real cluster, with an outsider's member beside them: leases
 * that end when not renewed, failure records every member hears of, and whatever an outsider plants or deletes.
 */
class FlightProtocolTest {

    private static LoopbackCluster cluster;
    private static HazelcastInstance first;
    private static HazelcastInstance second;
    private static HazelcastInstance outsider;

    private final TokenKey key = TokenKeyTest.request("orders", "secret-" + System.nanoTime(), Map.of()).key();
    private final HazelcastTokenStore one = store(first, Clock.systemUTC());
    private final HazelcastTokenStore other = store(second, Clock.systemUTC());

    @BeforeAll
    static void startCluster() {
        cluster = new LoopbackCluster();
        first = cluster.startMember();
        second = cluster.startMember();
        outsider = cluster.startMember();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void closeStores() {
        one.close();
        other.close();
    }

    private static HazelcastTokenStore store(HazelcastInstance member, Clock clock) {
        return new HazelcastTokenStore(member, Duration.ofSeconds(17), Duration.ofSeconds(2), clock);
    }

    private static AccessToken token(String value, Instant now, Duration lifetime) {
        return new AccessToken(value, "Bearer", now.plus(lifetime), null, null, now);
    }

    private static Claim claim(HazelcastTokenStore store, TokenKey key) throws Exception {
        return store.claim(key, token -> true).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aLeaseThatIsNoLongerRenewedIsTakenOverWithinSeconds() throws Exception {
        assertThat(claim(one, key)).isInstanceOf(Claim.Won.class);
        CompletableFuture<Claim> waiting = other.claim(key, token -> true);
        // the holder's store stops: its lease is renewed no more, as a frozen or dead member's
        one.close();

        Claim taken = waiting.get(30, TimeUnit.SECONDS);
        assertThat(taken).as("taken over").isInstanceOf(Claim.Won.class);
        ((Claim.Won) taken).lease().succeed(token("t1", Instant.now(), Duration.ofHours(1)));
        assertThat(other.get(key).value()).isEqualTo("t1");
    }

    @Test
    void aRenewedLeaseHoldsTheOthersUntilItsOutcome() throws Exception {
        List<Object> renewals = new CopyOnWriteArrayList<>();
        IMap<String, Object> flights = outsider.getMap(HazelcastTokenStore.FLIGHTS_MAP);
        flights.addEntryListener((EntryUpdatedListener<String, Object>) event -> renewals.add(event.getValue()), key.id(),
                true);
        Claim.Won won = (Claim.Won) claim(one, key);
        CompletableFuture<Claim> waiting = other.claim(key, token -> true);

        eventually("renewed for longer than one lease", () -> renewals.size() > FlightMarkers.LEASE.toSeconds());
        assertThat(waiting).as("still waiting on the live holder").isNotDone();

        won.lease().succeed(token("t1", Instant.now(), Duration.ofHours(1)));
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Claim.Found.class,
                found -> assertThat(found.token().value()).isEqualTo("t1"));
    }

    @Test
    void aFailureReachesEveryMemberInTheVendorsWordsWithATimeToLive() throws Exception {
        List<StoreEvent> heard = new CopyOnWriteArrayList<>();
        other.subscribe(key, heard::add);
        Claim.Won won = (Claim.Won) claim(one, key);
        CompletableFuture<Claim> waiting = other.claim(key, token -> true);

        TokenEndpointException refused = new TokenEndpointException("oauth2", 503, "temporarily_unavailable",
                "maintenance until noon", Duration.ofSeconds(30), null);
        won.lease().fail(new FailureState(refused, 3, Instant.now().plusSeconds(30)));

        assertThat(waiting.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Claim.Failed.class, failed -> {
            assertThat(failed.state().failures()).isEqualTo(3);
            assertThat(failed.state().lastFailure().getStatus()).isEqualTo(503);
            assertThat(failed.state().lastFailure().getMessage()).contains("temporarily_unavailable")
                    .contains("maintenance until noon");
        });
        eventually("a member that never asked hears of it", () -> heard.stream().anyMatch(event ->
                event instanceof StoreEvent.Failed failed && failed.state().lastFailure().getStatus() == 503));
        long ttl = outsider.getMap(HazelcastTokenStore.FLIGHTS_MAP).getEntryView(key.id()).getTtl();
        assertThat(ttl).as("written with its time to live").isPositive().isLessThanOrEqualTo(30_000);
        assertThat(claim(other, key)).as("a new claim while it stands").isInstanceOf(Claim.Failed.class);
    }

    @Test
    void whateverAnOutsiderPlantsAsAMarkerIsTakenOverAtOnce() throws Exception {
        IMap<String, Object> flights = outsider.getMap(HazelcastTokenStore.FLIGHTS_MAP);
        TokenKey otherCredential = TokenKeyTest.request("orders", "not-the-secret", Map.of()).key();
        byte[] sealedForAnother = new TokenSealer(otherCredential).seal(
                new SharedRecord.Marker("lease", Long.MAX_VALUE), 0);
        for (Object planted : List.of("failed:" + key.id(), "garbage".getBytes(StandardCharsets.UTF_8), sealedForAnother,
                42)) {
            // without a time to live, as an outsider writes it
            flights.put(key.id(), planted);
            Claim claim = claim(one, key);
            assertThat(claim).as("planted %s", planted).isInstanceOf(Claim.Won.class);
            ((Claim.Won) claim).lease().release();
        }
    }

    @Test
    void onlyATombstoneMakesMembersDropATokenNotABareRemoval() throws Exception {
        List<StoreEvent> heard = new CopyOnWriteArrayList<>();
        other.subscribe(key, heard::add);
        AccessToken t1 = token("t1", Instant.now(), Duration.ofHours(1));
        ((Claim.Won) claim(one, key)).lease().succeed(t1);
        outsider.getMap(HazelcastTokenStore.TOKENS_MAP).remove(key.id());
        AccessToken t2 = token("t2", Instant.now(), Duration.ofHours(1));
        ((Claim.Won) claim(one, key)).lease().succeed(t2);
        assertThat(one.invalidate(key, "t2")).isTrue();

        // events of one key arrive in order: once t2's invalidation is heard, the bare removal was heard before it
        eventually("the tombstone is heard", () -> heard.contains(new StoreEvent.Invalidated(t2.fingerprint())));
        assertThat(heard).containsExactly(new StoreEvent.Stored(t1.fingerprint()), new StoreEvent.Stored(t2.fingerprint()),
                new StoreEvent.Invalidated(t2.fingerprint()));
        assertThat(other.get(key)).as("a tombstone is no token").isNull();
    }

    @Test
    void aMemberWhoseClockRunsTenMinutesAheadSharesTheTokensRealExpiry() throws Exception {
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
        try (HazelcastTokenStore fast = store(first, ahead)) {
            // what that member's policy makes of "expires_in: 300": five minutes from its own clock
            AccessToken fetched = token("t1", ahead.instant(), Duration.ofMinutes(5));
            ((Claim.Won) claim(fast, key)).lease().succeed(fetched);

            Instant realExpiry = Instant.now().plus(Duration.ofMinutes(5));
            AccessToken seen = other.get(key);
            assertThat(seen.value()).isEqualTo("t1");
            assertThat(seen.expiresAt()).as("not the fast member's wall clock").isBefore(realExpiry.plusSeconds(1));
            assertThat(seen.lifetime()).isEqualTo(Duration.ofMinutes(5));
        }
    }
}
