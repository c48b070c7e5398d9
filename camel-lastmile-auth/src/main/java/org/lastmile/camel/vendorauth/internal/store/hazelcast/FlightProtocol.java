package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.Claim;
import org.lastmile.camel.vendorauth.spi.SingleFlight;
import org.lastmile.camel.vendorauth.spi.StoreUnavailableException;

/**
 * Who fetches in the cluster. Within this JVM, one {@link SingleFlight} per credential: the first caller's flight works
 * with the cluster, the others wait for its outcome. The flight reads the tokens map (a reusable token ends it), then
 * tries to take the flights map's marker ({@link FlightMarkers}): won, it reads once more and hands its first caller a
 * {@link HazelcastLease}; held by another member, it waits without a thread, woken by map events (hints: events can be
 * lost) and by polls that back off from 25 ms to 500 ms and come due when the holder's lease would end; a standing
 * failure record fails it with the vendor's words.
 */
final class FlightProtocol {

    private static final long FIRST_POLL_MILLIS = 25;
    private static final long MAX_POLL_MILLIS = 500;
    /** After a lease's end is due, the little more a waiter gives a renewal to arrive before it looks again. */
    private static final long LEASE_GRACE_MILLIS = 50;

    /** The winner ended its lease without an outcome: the waiters of this JVM claim again. */
    static final class Released extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Released() {
            super("the flight's lease was released", null, false, false);
        }
    }

    private final SingleFlight<String, Claim> flights = new SingleFlight<>();
    private final TokenEntries entries;
    private final FlightMarkers markers;
    private final HazelcastCalls calls;
    private final Duration waitBound;

    /**
     * @param waitBound the longest a flight waits on another member that keeps renewing its lease: beyond it the cluster
     *                  is taken to be in trouble ({@link StoreUnavailableException})
     */
    FlightProtocol(TokenEntries entries, FlightMarkers markers, HazelcastCalls calls, Duration waitBound) {
        this.entries = entries;
        this.markers = markers;
        this.calls = calls;
        this.waitBound = waitBound;
    }

    CompletableFuture<Claim> claim(CredentialSlot slot, Predicate<AccessToken> reusable) {
        AtomicReference<CompletableFuture<Claim>> started = new AtomicReference<>();
        CompletableFuture<Claim> outcome = flights.join(slot.id(), () -> {
            Flight flight = new Flight(slot, reusable);
            started.set(flight.first);
            flight.start();
            return flight.outcome;
        });
        if (started.get() != null) {
            return started.get();
        }
        return outcome.handle((claim, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                    : failure;
            if (cause instanceof Released) {
                return claim(slot, reusable);
            }
            return cause == null ? CompletableFuture.completedFuture(claim) : CompletableFuture.<Claim>failedFuture(cause);
        }).thenCompose(next -> next);
    }

    /** This JVM's flight of one credential. */
    private final class Flight {
        private final CredentialSlot slot;
        private final Predicate<AccessToken> reusable;
        /** What the first caller gets: the lease when this JVM wins, else the outcome. */
        private final CompletableFuture<Claim> first = new CompletableFuture<>();
        /** What the other callers of this JVM get, when the flight (or the lease won) ends. */
        private final CompletableFuture<Claim> outcome = new CompletableFuture<>();
        private final long giveUpAt;
        private final AtomicBoolean checking = new AtomicBoolean();
        private final AtomicBoolean checkAgain = new AtomicBoolean();
        private final Runnable wake = this::checkSoon;
        private long nextPoll = FIRST_POLL_MILLIS;

        Flight(CredentialSlot slot, Predicate<AccessToken> reusable) {
            this.slot = slot;
            this.reusable = reusable;
            this.giveUpAt = System.nanoTime() + waitBound.toNanos();
        }

        void start() {
            slot.waitWith(wake);
            checkSoon();
        }

        private void checkSoon() {
            if (first.isDone()) {
                // ended, or won: a lease, not a wait, decides the outcome now
                return;
            }
            try {
                calls.execute(this::check);
            } catch (StoreUnavailableException closed) {
                end(null, closed);
            }
        }

        private void check() {
            if (!checking.compareAndSet(false, true)) {
                checkAgain.set(true);
                return;
            }
            try {
                if (first.isDone()) {
                    // a check queued before the flight was won or ended must not take the flight again
                    return;
                }
                AccessToken current = entries.read(slot);
                if (current != null && reusable.test(current)) {
                    end(new Claim.Found(current), null);
                    return;
                }
                String lease = UUID.randomUUID().toString();
                FlightMarkers.Take take = markers.take(slot, lease, current);
                if (take instanceof FlightMarkers.Won won) {
                    fly(lease, won);
                } else if (take instanceof FlightMarkers.Failed failed) {
                    end(new Claim.Failed(failed.state()), null);
                } else if (System.nanoTime() > giveUpAt) {
                    end(null, new StoreUnavailableException("The member holding the flight of " + slot.key()
                            + " kept it for " + waitBound.toMillis() + " ms without an outcome", null));
                } else {
                    pollIn(((FlightMarkers.Held) take).remainingMillis());
                }
            } catch (RuntimeException e) {
                end(null, e);
            } finally {
                checking.set(false);
            }
            if (checkAgain.getAndSet(false)) {
                checkSoon();
            }
        }

        /** Won: read once more (another member may have finished meanwhile), then hand out the lease. */
        private void fly(String id, FlightMarkers.Won won) {
            byte[] marker = won.marker();
            AccessToken current;
            try {
                current = entries.read(slot);
            } catch (StoreUnavailableException e) {
                markers.removeLater(slot, marker);
                throw e;
            }
            if (current != null && reusable.test(current)) {
                markers.removeLater(slot, marker);
                end(new Claim.Found(current), null);
                return;
            }
            slot.stopWaiting(wake);
            HazelcastLease lease = new HazelcastLease(slot, id, current, markers, entries, calls, outcome, marker,
                    won.at());
            lease.keepAlive();
            first.complete(new Claim.Won(lease));
        }

        private void pollIn(long leaseRemainingMillis) {
            long delay = Math.min(nextPoll, leaseRemainingMillis + LEASE_GRACE_MILLIS);
            nextPoll = Math.min(MAX_POLL_MILLIS, nextPoll * 2);
            calls.schedule(this::checkSoon, delay);
        }

        private void end(Claim claim, Throwable failure) {
            slot.stopWaiting(wake);
            if (failure != null) {
                first.completeExceptionally(failure);
                outcome.completeExceptionally(failure);
            } else {
                first.complete(claim);
                outcome.complete(claim);
            }
        }
    }
}
