package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.Claim;
import org.lastmile.camel.vendorauth.spi.FailureState;
import org.lastmile.camel.vendorauth.spi.Lease;
import org.lastmile.camel.vendorauth.spi.StoreEvent;
import org.lastmile.camel.vendorauth.spi.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flight of one credential, won by this JVM: its marker is renewed every {@link FlightMarkers#RENEW_EVERY} until the
 * lease ends, so that the others take over within {@link FlightMarkers#LEASE} of this JVM freezing or dying, and never
 * wait out a token request's timeouts. Its end reaches the waiters of this JVM first ({@code outcome}), then the cluster;
 * a {@link StoreUnavailableException} from the cluster part is thrown after the waiters here have their answer.
 *
 * <p>
 * The lease is this JVM's only while its last renewal stands: from the marker's expiry (in cluster time, less
 * {@link #SAFETY} for the members' disagreement on it) it is lost, whatever the network says; a member cut off from the
 * cluster sees its renewals time out, not the takeover. A lost lease writes nothing: neither the token (the member that
 * took over writes its own) nor the failure, which would otherwise fail the healthy members with the words of a member
 * that could not reach the vendor. The failure record itself is written only in place of this lease's marker.
 */
final class HazelcastLease implements Lease {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastLease.class);
    /** How much before its marker's expiry this JVM counts the lease as lost: members' cluster times differ a little. */
    static final long SAFETY = 500;

    private final CredentialSlot slot;
    private final String id;
    private final AccessToken current;
    private final FlightMarkers markers;
    private final TokenEntries entries;
    private final HazelcastCalls calls;
    private final CompletableFuture<Claim> outcome;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** The bytes of the marker as last written; guarded by {@code this}. */
    private byte[] marker;
    /** Whether another party took the flight over (this JVM froze past its lease); guarded by {@code this}. */
    private boolean lost;
    /** When the lease was won, in cluster time. */
    private final long since;
    /** Until when the last renewal that stood holds the lease, in cluster time; guarded by {@code this}. */
    private long holdsUntil;

    /**
     * @param id      the lease's id, written in its marker
     * @param current the token the store held when the lease was won, or {@code null}
     * @param outcome what the waiters of this JVM get when the lease ends
     * @param marker  the marker that won the flight
     * @param since   when the flight was won (its marker written), in cluster time
     */
    HazelcastLease(CredentialSlot slot, String id, AccessToken current, FlightMarkers markers, TokenEntries entries,
                   HazelcastCalls calls, CompletableFuture<Claim> outcome, byte[] marker, long since) {
        this.since = since;
        this.holdsUntil = since + FlightMarkers.LEASE.toMillis() - SAFETY;
        this.slot = slot;
        this.id = id;
        this.current = current;
        this.markers = markers;
        this.entries = entries;
        this.calls = calls;
        this.outcome = outcome;
        this.marker = marker;
    }

    /** Starts renewing the marker. */
    void keepAlive() {
        calls.schedule(() -> calls.execute(this::renew), FlightMarkers.RENEW_EVERY.toMillis());
    }

    private synchronized void renew() {
        if (ended.get() || lost) {
            return;
        }
        if (!holds()) {
            LOG.debug("The flight of {} ran past its lease without a renewal: lost", slot.key());
            return;
        }
        long sent = markers.now();
        try {
            byte[] next = markers.renew(slot, id, marker);
            if (next == null) {
                lost = true;
                LOG.debug("The flight of {} was taken over by another member while this one fetched", slot.key());
                return;
            }
            marker = next;
            holdsUntil = sent + FlightMarkers.LEASE.toMillis() - SAFETY;
        } catch (StoreUnavailableException e) {
            LOG.debug("Could not renew the flight of {}; trying again until the lease ends", slot.key(), e);
        }
        keepAlive();
    }

    @Override
    public synchronized boolean held() {
        return holds();
    }

    /** Whether the lease is still this JVM's: not taken over, and its last renewal not run out; guarded by {@code this}. */
    private boolean holds() {
        if (!lost && markers.now() >= holdsUntil) {
            lost = true;
        }
        return !lost;
    }

    @Override
    public AccessToken current() {
        return current;
    }

    @Override
    public void succeed(AccessToken token) {
        end();
        outcome.complete(new Claim.Found(token));
        synchronized (this) {
            if (!holds()) {
                LOG.debug("The flight of {} ended after its lease: the token stays with this member", slot.key());
                return;
            }
            try {
                entries.write(slot, token);
            } catch (StoreUnavailableException e) {
                markers.removeLater(slot, marker);
                throw e;
            }
            markers.remove(slot, marker);
        }
    }

    @Override
    public void fail(FailureState state) {
        end();
        outcome.complete(new Claim.Failed(state));
        // this JVM's subscribers hear of the very state; other members (and, a moment later, this one) of the record
        slot.publish(new StoreEvent.Failed(state));
        synchronized (this) {
            if (!holds()) {
                // the flight is somebody else's now: their waiters wait for their outcome, not for this one
                return;
            }
            try {
                markers.recordFailure(slot, state, marker, since);
            } catch (StoreUnavailableException e) {
                markers.removeLater(slot, marker);
                throw e;
            }
        }
    }

    @Override
    public void release() {
        end();
        outcome.completeExceptionally(new FlightProtocol.Released());
        synchronized (this) {
            markers.remove(slot, marker);
        }
    }

    private void end() {
        if (!ended.compareAndSet(false, true)) {
            throw new IllegalStateException("The lease of " + slot.key() + " has ended already");
        }
    }
}
