package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.lastmile.camel.vendorauth.spi.AccessToken;

/**
 * When to refresh a token, and when to stop sending it. The refresh window opens {@code min(refreshMargin, 20 % of the
 * lifetime)} before expiry, so that a token costs at most 1.25 token calls per lifetime, however short; each copy of a
 * token refreshes at a random moment in the first half of the window, so that credentials fetched together do not all
 * refresh together, and the second half leaves the refresh time to land. From {@code usableUntil} on ({@code min(5 s, 10 %
 * of the lifetime)} before expiry: clock skew and time in flight) the token is not sent and callers wait.
 *
 * @param refreshMargin   how long before expiry the refresh window opens, at most
 * @param refreshFraction the most of a token's lifetime the refresh window may take
 * @param expirySkew      how long before expiry a token stops being sent
 * @param skewFraction    the most of a token's lifetime the skew may take
 */
public record RefreshTiming(Duration refreshMargin, double refreshFraction, Duration expirySkew, double skewFraction) {

    /** 60 s ahead (at most a fifth of the lifetime); stop sending 5 s before expiry (at most a tenth of it). */
    public static final RefreshTiming DEFAULT = new RefreshTiming(Duration.ofSeconds(60), 0.2, Duration.ofSeconds(5), 0.1);

    public RefreshTiming {
        if (refreshMargin.isNegative() || expirySkew.isNegative()) {
            throw new IllegalArgumentException("Option refreshMargin and the expiry skew must not be negative");
        }
        if (refreshFraction < 0 || refreshFraction > 1 || skewFraction < 0 || skewFraction > 1) {
            throw new IllegalArgumentException("Refresh and skew fractions must lie between 0 and 1");
        }
    }

    /** The same timing with another refresh margin. */
    public RefreshTiming withRefreshMargin(Duration margin) {
        return new RefreshTiming(margin, refreshFraction, expirySkew, skewFraction);
    }

    /** Epoch millisecond at which the refresh window opens: from then on a token found in a store is not reused. */
    public long windowOpens(AccessToken token) {
        return token.expiresAt().toEpochMilli() - cap(refreshMargin, refreshFraction, token);
    }

    /** Epoch millisecond from which this copy refreshes: a random moment in the first half of the window. */
    public long refreshAt(AccessToken token) {
        long opens = windowOpens(token);
        long spread = Math.max(0, (usableUntil(token) - opens) / 2);
        return spread == 0 ? opens : opens + ThreadLocalRandom.current().nextLong(spread + 1);
    }

    /** Epoch millisecond from which the token is no longer sent. */
    public long usableUntil(AccessToken token) {
        return token.expiresAt().toEpochMilli() - cap(expirySkew, skewFraction, token);
    }

    private static long cap(Duration margin, double fraction, AccessToken token) {
        long lifetime = Math.max(0, token.lifetime().toMillis());
        return Math.min(margin.toMillis(), (long) (lifetime * fraction));
    }
}
