package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.lastmile.camel.vendorauth.spi.AccessToken;

/**
 * When to refresh a token, and when to stop sending it. The refresh window opens {@code min(refreshMargin, 20 % of the
 * lifetime)} before expiry, so that a token costs at most 1.25 token calls per lifetime, however short; each copy of a
 * token refreshes at a random moment in the first half of the window, so that credentials fetched together do not all
 * refresh together, and the second half leaves the refresh time to land.
 *
 * <p>
 * From {@code usableUntil} on the token is not sent and callers wait for the refresh in flight. That skew covers what
 * stands between the vendor's clock and the API's check: the cluster-clock estimate, the time between a copy's check and
 * the wire (a stall, a GC pause), the API's own clock. It is the larger of {@code minExpirySkew} and 10 % of the lifetime,
 * at most {@code max(5 s, minExpirySkew)}, and never earlier than the refresh window opens (a skew beyond the window
 * would refresh every token at its unusable edge, beyond 1.25 calls per lifetime). A token's life counts from when its
 * request was sent, not from when the answer came.
 *
 * @param refreshMargin   how long before expiry the refresh window opens, at most
 * @param refreshFraction the most of a token's lifetime the refresh window may take
 * @param minExpirySkew   how long before expiry a token stops being sent, at least (unless the window is shorter)
 * @param skewFraction    the share of a token's lifetime the skew takes when that is more than {@code minExpirySkew}
 * @param maxExpirySkew   the longest skew the fraction may give
 */
public record RefreshTiming(Duration refreshMargin, double refreshFraction, Duration minExpirySkew, double skewFraction,
                            Duration maxExpirySkew) {

    /** The default least skew: covers a cluster-clock estimate and a stall of a busy machine. */
    public static final Duration MIN_EXPIRY_SKEW = Duration.ofMillis(250);

    /** 60 s ahead (at most a fifth of the lifetime); stop sending max(250 ms, a tenth of the lifetime), at most 5 s. */
    public static final RefreshTiming DEFAULT = new RefreshTiming(Duration.ofSeconds(60), 0.2, MIN_EXPIRY_SKEW, 0.1,
            Duration.ofSeconds(5));

    public RefreshTiming {
        if (refreshMargin.isNegative()) {
            throw new IllegalArgumentException("Option refreshMargin must not be negative");
        }
        if (minExpirySkew.isNegative()) {
            throw new IllegalArgumentException("Option minExpirySkew must not be negative");
        }
        if (refreshFraction < 0 || refreshFraction > 1 || skewFraction < 0 || skewFraction > 1) {
            throw new IllegalArgumentException("Refresh and skew fractions must lie between 0 and 1");
        }
    }

    /** The same timing with another refresh margin. */
    public RefreshTiming withRefreshMargin(Duration margin) {
        return new RefreshTiming(margin, refreshFraction, minExpirySkew, skewFraction, maxExpirySkew);
    }

    /** The same timing with another least skew. */
    public RefreshTiming withMinExpirySkew(Duration skew) {
        return new RefreshTiming(refreshMargin, refreshFraction, skew, skewFraction, maxExpirySkew);
    }

    /** Epoch millisecond at which the refresh window opens: from then on a token found in a store is not reused. */
    public long windowOpens(AccessToken token) {
        return token.expiresAt().toEpochMilli() - window(token);
    }

    /** Epoch millisecond from which this copy refreshes: a random moment in the first half of the window. */
    public long refreshAt(AccessToken token) {
        long opens = windowOpens(token);
        long spread = Math.max(0, (usableUntil(token) - opens) / 2);
        return spread == 0 ? opens : opens + ThreadLocalRandom.current().nextLong(spread + 1);
    }

    /** Epoch millisecond from which the token is no longer sent. */
    public long usableUntil(AccessToken token) {
        return token.expiresAt().toEpochMilli() - skew(token);
    }

    /** How long before expiry the token stops being sent. */
    public long skew(AccessToken token) {
        long fraction = (long) (lifetime(token) * skewFraction);
        long skew = Math.min(Math.max(minExpirySkew.toMillis(), fraction),
                Math.max(maxExpirySkew.toMillis(), minExpirySkew.toMillis()));
        return Math.min(skew, window(token));
    }

    private long window(AccessToken token) {
        return Math.min(refreshMargin.toMillis(), (long) (lifetime(token) * refreshFraction));
    }

    private static long lifetime(AccessToken token) {
        return Math.max(0, token.lifetime().toMillis());
    }
}
