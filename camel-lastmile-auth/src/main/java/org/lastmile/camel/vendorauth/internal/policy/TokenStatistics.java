package org.lastmile.camel.vendorauth.internal.policy;

import java.util.concurrent.atomic.LongAdder;

import org.lastmile.camel.vendorauth.internal.oauth.GrantStrategy;

/**
 * What happened to one credential's tokens in this JVM. Counters only grow; they hold no token or secret, so they can be
 * shown anywhere (JMX, health checks).
 */
public final class TokenStatistics implements GrantStrategy.Attempts {

    private final LongAdder localHits = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private final LongAdder storeHits = new LongAdder();
    private final LongAdder fetches = new LongAdder();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder rejections = new LongAdder();
    private final LongAdder fetchSuccesses = new LongAdder();
    private final LongAdder fetchFailures = new LongAdder();
    private final LongAdder refreshSuccesses = new LongAdder();
    private final LongAdder refreshFailures = new LongAdder();
    private final LongAdder fetchNanos = new LongAdder();
    private final LongAdder refreshNanos = new LongAdder();

    void localHit() {
        localHits.increment();
    }

    void waited() {
        waits.increment();
    }

    void storeHit() {
        storeHits.increment();
    }

    @Override
    public void requesting() {
        fetches.increment();
    }

    @Override
    public void refreshing() {
        refreshes.increment();
    }

    void failed() {
        failures.increment();
    }

    void rejected() {
        rejections.increment();
    }

    /** The tracker of one fetch's requests, to pass where the grant strategy tells of each request. */
    Fetch fetch() {
        return new Fetch();
    }

    /**
     * The requests of one fetch, as the grant strategy makes them: each is counted, and timed from its start to the start
     * of the next (a refused refresh token is followed by the primary grant) or to the end of the fetch.
     */
    final class Fetch implements GrantStrategy.Attempts {

        private boolean refresh;
        private long started;

        @Override
        public void requesting() {
            TokenStatistics.this.requesting();
            begin(false);
        }

        @Override
        public void refreshing() {
            TokenStatistics.this.refreshing();
            begin(true);
        }

        private void begin(boolean isRefresh) {
            if (started != 0) {
                end(false);
            }
            refresh = isRefresh;
            started = System.nanoTime();
        }

        /** The fetch ended: with a token, or without. */
        void end(boolean succeeded) {
            if (started == 0) {
                return;
            }
            (refresh ? refreshNanos : fetchNanos).add(System.nanoTime() - started);
            (succeeded ? refresh ? refreshSuccesses : fetchSuccesses : refresh ? refreshFailures : fetchFailures)
                    .increment();
            started = 0;
        }
    }

    /** Exchanges served from this JVM's copy: the hot path. */
    public long localHits() {
        return localHits.sum();
    }

    /** Exchanges that had no usable token at hand and waited for a flight (this JVM's, or one on another member). */
    public long waits() {
        return waits.sum();
    }

    /** Flights that ended with a token from the store, fetched by another thread or member, without asking the vendor. */
    public long storeHits() {
        return storeHits.sum();
    }

    /** Requests to the vendor with the primary grant. */
    public long fetches() {
        return fetches.sum();
    }

    /** Requests to the vendor with a refresh token. */
    public long refreshes() {
        return refreshes.sum();
    }

    /** Flights that ended without a token. */
    public long failures() {
        return failures.sum();
    }

    /** Callers failed at once, with the last error, while the vendor was left alone after failures. */
    public long rejections() {
        return rejections.sum();
    }

    /** Requests with the primary grant that ended with a token. */
    public long fetchSuccesses() {
        return fetchSuccesses.sum();
    }

    /** Requests with a refresh token that ended with a token. */
    public long refreshSuccesses() {
        return refreshSuccesses.sum();
    }

    /** Requests with the primary grant that the vendor answered with no token (or did not answer). */
    public long fetchFailures() {
        return fetchFailures.sum();
    }

    /** Requests with a refresh token that the vendor answered with no token (or did not answer). */
    public long refreshFailures() {
        return refreshFailures.sum();
    }

    /** Time spent on requests with the primary grant, in nanoseconds. */
    public long fetchNanos() {
        return fetchNanos.sum();
    }

    /** Time spent on requests with a refresh token, in nanoseconds. */
    public long refreshNanos() {
        return refreshNanos.sum();
    }
}
