package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.hazelcast.core.HazelcastInstance;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.Claim;
import org.lastmile.camel.vendorauth.spi.StoreEvent;
import org.lastmile.camel.vendorauth.spi.StoreUnavailableException;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.spi.TokenStore;

/**
 * A store shared by every member of a Hazelcast cluster (Community Edition: no CP subsystem, no locks), so that the
 * cluster holds one token per credential and one member at a time asks the vendor. Its parts, one job each:
 * <ul>
 * <li>{@link StoreMaps}: the two maps and their configuration;</li>
 * <li>{@link TokenSealer}: every value sealed for its credential, with expiry in one {@link ClusterClock};</li>
 * <li>{@link TokenEntries}: tokens and tombstones; {@link FlightMarkers}: leases and failure records;</li>
 * <li>{@link FlightProtocol} and {@link HazelcastLease}: who fetches, who waits, how a frozen holder is taken over;</li>
 * <li>{@link StoreEvents}: map events as {@link StoreEvent}s;</li>
 * <li>{@link HazelcastCalls}: every call bounded in time; trouble is a {@link StoreUnavailableException}.</li>
 * </ul>
 * What to do while Hazelcast does not answer is not this store's business: {@code FallbackTokenStore} decides. The store
 * never shuts down the Hazelcast instance it is given.
 */
public final class HazelcastTokenStore implements TokenStore, AutoCloseable {

    /** The map of sealed tokens and tombstones. */
    public static final String TOKENS_MAP = StoreMaps.TOKENS;
    /** The map of sealed flight markers and failure records. */
    public static final String FLIGHTS_MAP = StoreMaps.FLIGHTS;

    private final HazelcastCalls calls;
    private final TokenEntries entries;
    private final FlightProtocol protocol;
    private final StoreEvents events;
    private final Map<String, CredentialSlot> slots = new ConcurrentHashMap<>();

    /**
     * @param hazelcast        a running member or client; not shut down by this store
     * @param flightBound      the longest a token request may take (the token endpoint's timeouts and a margin); a
     *                         member that renews its lease for twice as long without an outcome is given up on
     * @param operationTimeout the longest one Hazelcast call may take
     * @param clock            this JVM's time source
     */
    public HazelcastTokenStore(HazelcastInstance hazelcast, Duration flightBound, Duration operationTimeout, Clock clock) {
        StoreMaps maps = new StoreMaps(hazelcast);
        ClusterClock clusterClock = new ClusterClock(hazelcast, clock);
        this.calls = new HazelcastCalls(operationTimeout);
        if (clusterClock.estimated()) {
            try {
                // before the first write, but not longer than a store call: a cluster away is measured later
                calls.call("measuring the cluster's time", () -> {
                    clusterClock.measureWhenDue();
                    return null;
                });
            } catch (StoreUnavailableException away) {
                // measured again every second until it answers
            }
            calls.every(1000, clusterClock::measureWhenDue);
        }
        this.entries = new TokenEntries(maps.tokens(), calls, clusterClock);
        FlightMarkers markers = new FlightMarkers(maps.flights(), calls, clusterClock);
        this.protocol = new FlightProtocol(entries, markers, calls, flightBound.multipliedBy(2));
        this.events = new StoreEvents(maps, slots::get, clusterClock, entries, calls);
    }

    private CredentialSlot slot(TokenKey key) {
        return slots.computeIfAbsent(key.id(), id -> new CredentialSlot(key));
    }

    @Override
    public AccessToken get(TokenKey key) {
        return entries.read(slot(key));
    }

    @Override
    public CompletableFuture<Claim> claim(TokenKey key, Predicate<AccessToken> reusable) {
        return protocol.claim(slot(key), reusable);
    }

    @Override
    public boolean invalidate(TokenKey key, String accessToken) {
        return entries.invalidate(slot(key), accessToken);
    }

    @Override
    public AutoCloseable subscribe(TokenKey key, Consumer<StoreEvent> listener) {
        return slot(key).subscribe(listener);
    }

    /** Removes this store's listeners and ends its threads; the Hazelcast instance keeps running. */
    @Override
    public void close() {
        try {
            events.close();
        } finally {
            calls.close();
        }
    }
}
