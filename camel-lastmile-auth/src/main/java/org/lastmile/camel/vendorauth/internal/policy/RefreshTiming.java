package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Duration;

import org.lastmile.camel.vendorauth.spi.AccessToken;

/**
 * The two moments that matter in a token's life. From {@code refreshAt} on, one background refresh runs while callers keep
 * the current token; from {@code usableUntil} on, the token is not sent any more and callers wait for a new one. Each margin
 * is capped at a fraction of the lifetime, so that a short-lived token is not refreshed in a loop.
 *
 * @param refreshMargin  how long before expiry the refresh starts
 * @param refreshFraction the most of a token's lifetime the refresh margin may take
 * @param expirySkew     how long before expiry a token stops being sent (clock skew and time in flight)
 * @param skewFraction   the most of a token's lifetime the skew may take
 */
public record RefreshTiming(Duration refreshMargin, double refreshFraction, Duration expirySkew, double skewFraction) {

    /** 60 s ahead (at most half the lifetime); stop sending 5 s before expiry (at most a tenth of it). */
    public static final RefreshTiming DEFAULT = new RefreshTiming(Duration.ofSeconds(60), 0.5, Duration.ofSeconds(5), 0.1);

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

    /** Epoch millisecond from which a background refresh is due. */
    public long refreshAt(AccessToken token) {
        return token.expiresAt().toEpochMilli() - cap(refreshMargin, refreshFraction, token);
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
