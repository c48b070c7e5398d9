package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Clock;
import java.time.Duration;

import org.lastmile.camel.vendorauth.spi.FailureState;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;

/**
 * When callers without a usable token are failed fast instead of asking the vendor: after {@code threshold} failed fetches
 * in a row, for a {@link Backoff} delay; at once for as long as the vendor's {@code Retry-After} asks. The state is the
 * {@link FailureState} shared through the store, so a failure counted on another member counts here, and the first
 * success anywhere ends it.
 */
final class FailureGate {

    private final Backoff backoff;
    private final int threshold;
    private final Clock clock;
    /** {@code null} while the last fetch succeeded. */
    private volatile FailureState state;

    /**
     * @param backoff   how long the vendor is left alone once failing fast
     * @param threshold failed fetches in a row from which callers are failed fast
     * @param clock     the time source
     */
    FailureGate(Backoff backoff, int threshold, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("Option failFastThreshold must be at least 1, not " + threshold);
        }
        this.backoff = backoff;
        this.threshold = threshold;
        this.clock = clock;
    }

    /** Epoch millisecond before which no fetch may start; 0 when one may start now. */
    long retryAtMillis() {
        FailureState current = state;
        return current == null ? 0 : current.retryAt().toEpochMilli();
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
        Duration wait;
        if (failures >= threshold) {
            wait = backoff.delay(failures - threshold + 1, failure.getRetryAfter());
        } else {
            wait = failure.getRetryAfter() == null ? Duration.ZERO : failure.getRetryAfter();
        }
        FailureState after = new FailureState(failure, failures, clock.instant().plus(wait));
        state = after;
        return after;
    }

    /** Takes a failure state shared by another party, unless the one held here already counts more. */
    synchronized void adopt(FailureState shared) {
        FailureState current = state;
        if (current == null || shared.failures() >= current.failures() || shared.retryAt().isAfter(current.retryAt())) {
            state = shared;
        }
    }

    /** A fetch succeeded, here or anywhere: callers ask again at once. */
    void succeeded() {
        state = null;
    }

    /** Whether the last fetch failed: the health of a credential without a usable token. */
    boolean failing() {
        return state != null;
    }

    /** The last failure's message (the vendor's words, free of secrets), or {@code null} after a success. */
    String lastFailureMessage() {
        FailureState current = state;
        return current == null ? null : current.lastFailure().getMessage();
    }
}
