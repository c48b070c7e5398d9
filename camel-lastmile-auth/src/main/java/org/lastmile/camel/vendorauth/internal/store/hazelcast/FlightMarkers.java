package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.hazelcast.map.IMap;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.FailureState;

/**
 * The flights map, one credential's entry at a time: who holds the flight (a marker with a short lease), or how the last
 * flight failed (a failure record). Both are sealed for the credential and carry their own expiry in cluster time; an
 * entry that does not open (planted by an outsider), or whose expiry has passed (its holder froze, died or lost its time
 * to live), is taken over with a compare and set on the very bytes read, so that of several members taking over at once
 * exactly one wins. A failure record is written only in place of its own lease's marker (compare and set), and names
 * when that lease was won: once a token asked for later stands in the tokens map, the record is stale (its writer was cut
 * off or frozen while another member took over) and is taken over like an expired one.
 */
final class FlightMarkers {

    /** How long a marker holds the flight unless renewed. */
    static final Duration LEASE = Duration.ofSeconds(3);
    /** How often the holder renews it: twice within a lease, so one slow renewal loses nothing. */
    static final Duration RENEW_EVERY = Duration.ofSeconds(1);
    /** The entry's own time to live: clean-up only, since the marker's sealed expiry is what readers trust. */
    private static final long ENTRY_TTL_MILLIS = 2 * LEASE.toMillis();

    /** What an attempt to take the flight found. */
    sealed interface Take {
    }

    /** The flight is this caller's, held by the marker of these bytes, won at {@code at} in cluster time. */
    record Won(byte[] marker, long at) implements Take {
    }

    /** Another party holds it, for at most {@code remainingMillis} unless renewed. */
    record Held(long remainingMillis) implements Take {
    }

    /** The last flight failed, and its record still stands. */
    record Failed(FailureState state) implements Take {
    }

    private final IMap<String, Object> flights;
    private final HazelcastCalls calls;
    private final ClusterClock clock;

    FlightMarkers(IMap<String, Object> flights, HazelcastCalls calls, ClusterClock clock) {
        this.flights = flights;
        this.calls = calls;
        this.clock = clock;
    }

    /** The cluster's time now, in epoch milliseconds: what the markers' expiries mean. */
    long now() {
        return clock.now();
    }

    /**
     * Takes the flight with a new marker of that lease, unless a live marker or a failure record that still counts
     * stands.
     *
     * @param current the token the tokens map holds, or {@code null}: a failure of a lease won before it was asked for
     *                does not count
     */
    Take take(CredentialSlot slot, String lease, AccessToken current) {
        long now = clock.now();
        long offset = clock.offset();
        byte[] mine = slot.sealer().seal(new SharedRecord.Marker(lease, now + LEASE.toMillis()), offset);
        return calls.call("claiming a flight", () -> {
            Object existing = flights.putIfAbsent(slot.id(), mine, ENTRY_TTL_MILLIS, TimeUnit.MILLISECONDS);
            if (existing == null) {
                return new Won(mine, now);
            }
            SharedRecord record = slot.sealer().open(existing, offset);
            if (record instanceof SharedRecord.Marker marker && marker.lease().equals(lease)) {
                // our own write, answered twice: Hazelcast retried the call after it had succeeded
                return new Won((byte[]) existing, now);
            }
            if (record instanceof SharedRecord.Marker marker && marker.expiresAt() > now) {
                return new Held(marker.expiresAt() - now);
            }
            if (record instanceof SharedRecord.Failure failure && failure.expiresAt() > now
                    && !(current != null && failure.outdatedBy(current.obtainedAt().toEpochMilli() + offset))) {
                return new Failed(failure.state());
            }
            return replace(slot, existing, mine, ENTRY_TTL_MILLIS) ? new Won(mine, now) : new Held(0);
        });
    }

    /**
     * Renews the lease: its marker of these bytes is replaced by one with a later expiry, or written again when somebody
     * removed it.
     *
     * @return the new marker, or {@code null} when another party holds the flight now
     */
    byte[] renew(CredentialSlot slot, String lease, byte[] current) {
        byte[] next = slot.sealer().seal(new SharedRecord.Marker(lease, clock.now() + LEASE.toMillis()), clock.offset());
        return calls.call("renewing a flight's lease", () -> {
            boolean held = replace(slot, current, next, ENTRY_TTL_MILLIS)
                    || flights.putIfAbsent(slot.id(), next, ENTRY_TTL_MILLIS, TimeUnit.MILLISECONDS) == null;
            return held ? next : null;
        });
    }

    /** Ends the flight of that marker; a marker of somebody else stays. */
    void remove(CredentialSlot slot, byte[] marker) {
        calls.call("ending a flight", () -> flights.remove(slot.id(), marker));
    }

    /** The same without waiting, for a member that falls back to fetching on its own: it clears what it wrote. */
    void removeLater(CredentialSlot slot, byte[] marker) {
        calls.fireAndForget(() -> flights.remove(slot.id(), marker));
    }

    /**
     * Puts the failure record in place of the flight's marker, and only of that marker (compare and set: a lease taken
     * over meanwhile records nothing): until the state's {@code retryAt}, while waiters are failed fast. A state whose
     * {@code retryAt} has passed lets the next party try at once: the marker just goes.
     *
     * @param since when the lease was won, in cluster time
     * @return whether the record was written
     */
    boolean recordFailure(CredentialSlot slot, FailureState state, byte[] marker, long since) {
        long now = clock.now();
        long offset = clock.offset();
        long hold = state.retryAt().toEpochMilli() + offset - now;
        if (hold <= 0) {
            remove(slot, marker);
            return false;
        }
        byte[] record = slot.sealer().seal(new SharedRecord.Failure(state, now + hold, since), offset);
        return calls.call("recording a failed flight", () -> replace(slot, marker, record, hold));
    }

    /** Compare and set, then the time to live that {@code replace} drops (the sealed expiry covers a failure between). */
    private boolean replace(CredentialSlot slot, Object expected, byte[] next, long ttlMillis) {
        if (!flights.replace(slot.id(), expected, next)) {
            return false;
        }
        flights.setTtl(slot.id(), ttlMillis, TimeUnit.MILLISECONDS);
        return true;
    }
}
