package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to leave the vendor alone after failures: exponential, with "equal jitter" (half fixed, half random) so that a
 * fleet that failed together does not retry together, bounded by {@code max}. A vendor's {@code Retry-After} is honoured
 * when it asks for longer.
 *
 * @param initial the wait after the first failure (before jitter)
 * @param max     the longest wait this policy chooses by itself
 */
public record Backoff(Duration initial, Duration max) {

    /** 1 s, doubling, at most 60 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Options backoffInitial and backoffMax: need 0 <= backoffInitial <= backoffMax");
        }
    }

    /**
     * The wait after the given number of consecutive failures.
     *
     * @param failures   consecutive failures, at least 1
     * @param retryAfter what the vendor asked for, or {@code null}
     */
    public Duration delay(int failures, Duration retryAfter) {
        long ceiling = max.toMillis();
        long exponential = initial.toMillis() << Math.min(Math.max(failures - 1, 0), 30);
        long base = exponential <= 0 || exponential > ceiling ? ceiling : exponential;
        long jittered = base / 2 + (base / 2 > 0 ? ThreadLocalRandom.current().nextLong(base / 2 + 1) : 0);
        Duration chosen = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(chosen) > 0 ? retryAfter : chosen;
    }
}
