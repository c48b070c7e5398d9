package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Clock;
import java.time.Duration;

import org.lastmile.camel.vendorauth.spi.FailureState;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;

/**
 * When callers without a usable token are failed fast instead of asking the vendor: after {@code threshold} failed fetches
 * in a row, for a {@link Backoff} delay; at once for as long as the vendor's {@code Retry-After} asks. Before the
 * threshold a failure is a hiccup: the next caller without a token asks again at once. The state is the
 * {@link FailureState} shared through the store, so a failure counted on another member counts here, and the first
 * success anywhere ends it. A background refresh (a usable token is still at hand, nobody waits) always waits the
 * back-off, so that a busy route does not hammer a failing vendor with refreshes.
 */
final class FailureGate {

    private final Backoff backoff;
    private final int threshold;
    private final Clock clock;
    /** {@code null} while the last fetch succeeded. */
    private volatile FailureState state;
    /** Epoch millisecond before which no background refresh starts; 0 after a success. */
    private volatile long refreshAllowedAt;

    /**
     * @param backoff   how long the vendor is left alone once failing fast
     * @param threshold failed fetches in a row from which callers are failed fast
     * @param clock     the time source
     */
    FailureGate(Backoff backoff, int threshold, Clock clock) {
        this.backoff = backoff;
        this.threshold = threshold;
        this.clock = clock;
    }

    /** Epoch millisecond before which no background refresh starts; 0 when one may start now. One volatile read. */
    long refreshAllowedAt() {
        return refreshAllowedAt;
    }

    /**
     * The error for a caller without a usable token while the vendor is left alone, or {@code null} when a new attempt may
     * go: it says the vendor was not asked, for how much longer, after how many failures, in the vendor's last words.
     */
    TokenEndpointException failFast() {
        FailureState current = state;
        if (current == null) {
            return null;
        }
        long remaining = current.retryAt().toEpochMilli() - clock.millis();
        return remaining <= 0 ? null
                : current.lastFailure().whileBackingOff(Duration.ofMillis(remaining), current.failures());
    }

    /** Counts a failed fetch of this JVM and decides how long the vendor is left alone: the state to share. */
    synchronized FailureState failed(TokenEndpointException failure) {
        FailureState before = state;
        int failures = before == null ? 1 : before.failures() + 1;
        Duration wait = failures >= threshold ? backoff.delay(failures - threshold + 1, failure.getRetryAfter())
                : failure.getRetryAfter() == null ? Duration.ZERO : failure.getRetryAfter();
        FailureState after = new FailureState(failure, failures, clock.instant().plus(wait));
        state = after;
        refreshAllowedAt = clock.millis() + backoff.delay(failures, failure.getRetryAfter()).toMillis();
        return after;
    }

    /** Takes a failure state shared by another party, unless the one held here already counts more. */
    synchronized void adopt(FailureState shared) {
        FailureState current = state;
        if (current == null || shared.failures() >= current.failures() || shared.retryAt().isAfter(current.retryAt())) {
            state = shared;
            refreshAllowedAt = Math.max(refreshAllowedAt, shared.retryAt().toEpochMilli());
        }
    }

    /** A fetch succeeded, here or anywhere: callers ask again at once. */
    void succeeded() {
        state = null;
        refreshAllowedAt = 0;
    }

    /**
     * Whether callers without a usable token are failed fast: the threshold is reached, or the vendor asked for a wait.
     * Before that a failure is a hiccup, not an outage.
     */
    boolean failingFast() {
        FailureState current = state;
        return current != null && (current.failures() >= threshold || clock.millis() < current.retryAt().toEpochMilli());
    }

    /** The last failure's message (the vendor's words, free of secrets), or {@code null} after a success. */
    String lastFailureMessage() {
        FailureState current = state;
        return current == null ? null : current.lastFailure().getMessage();
    }
}
