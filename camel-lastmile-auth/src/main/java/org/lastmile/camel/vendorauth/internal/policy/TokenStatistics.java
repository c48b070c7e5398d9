package org.lastmile.camel.vendorauth.internal.policy;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.lastmile.camel.vendorauth.internal.oauth.GrantStrategy;

/**
 * What happened to one credential's tokens in this JVM. Counters only grow; they hold no token or secret, so they can be
 * shown anywhere (JMX, health checks).
 */
public final class TokenStatistics implements GrantStrategy.Attempts {

    /** The one count of the hot path: a contended adder, which the source increments itself. */
    private final LongAdder localHits;
    /**
     * Counts of the slow path, which is seldom taken: one small array rather than an adder each, since every credential,
     * every tenant included, has its statistics.
     */
    private final AtomicLongArray counts = new AtomicLongArray(Count.values().length);

    private enum Count {
        WAITS, STORE_HITS, FETCHES, REFRESHES, FAILURES, REJECTIONS, FETCH_SUCCESSES, FETCH_FAILURES, REFRESH_SUCCESSES,
        REFRESH_FAILURES, FETCH_NANOS, REFRESH_NANOS
    }

    private void add(Count count, long amount) {
        counts.getAndAdd(count.ordinal(), amount);
    }

    private long get(Count count) {
        return counts.get(count.ordinal());
    }

    /** @param localHits the adder of {@link #localHits()}, which the hot path increments */
    TokenStatistics(LongAdder localHits) {
        this.localHits = localHits;
    }

    void waited() {
        add(Count.WAITS, 1);
    }

    void storeHit() {
        add(Count.STORE_HITS, 1);
    }

    @Override
    public void requesting() {
        add(Count.FETCHES, 1);
    }

    @Override
    public void refreshing() {
        add(Count.REFRESHES, 1);
    }

    void failed() {
        add(Count.FAILURES, 1);
    }

    void rejected() {
        add(Count.REJECTIONS, 1);
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
            add(refresh ? Count.REFRESH_NANOS : Count.FETCH_NANOS, System.nanoTime() - started);
            add(succeeded ? refresh ? Count.REFRESH_SUCCESSES : Count.FETCH_SUCCESSES
                    : refresh ? Count.REFRESH_FAILURES : Count.FETCH_FAILURES, 1);
            started = 0;
        }
    }

    /** Exchanges served from this JVM's copy: the hot path. */
    public long localHits() {
        return localHits.sum();
    }

    /** Exchanges that had no usable token at hand and waited for a flight (this JVM's, or one on another member). */
    public long waits() {
        return get(Count.WAITS);
    }

    /** Flights that ended with a token from the store, fetched by another thread or member, without asking the vendor. */
    public long storeHits() {
        return get(Count.STORE_HITS);
    }

    /** Requests to the vendor with the primary grant. */
    public long fetches() {
        return get(Count.FETCHES);
    }

    /** Requests to the vendor with a refresh token. */
    public long refreshes() {
        return get(Count.REFRESHES);
    }

    /** Flights that ended without a token. */
    public long failures() {
        return get(Count.FAILURES);
    }

    /** Callers failed at once, with the last error, while the vendor was left alone after failures. */
    public long rejections() {
        return get(Count.REJECTIONS);
    }

    /** Requests with the primary grant that ended with a token. */
    public long fetchSuccesses() {
        return get(Count.FETCH_SUCCESSES);
    }

    /** Requests with a refresh token that ended with a token. */
    public long refreshSuccesses() {
        return get(Count.REFRESH_SUCCESSES);
    }

    /** Requests with the primary grant that the vendor answered with no token (or did not answer). */
    public long fetchFailures() {
        return get(Count.FETCH_FAILURES);
    }

    /** Requests with a refresh token that the vendor answered with no token (or did not answer). */
    public long refreshFailures() {
        return get(Count.REFRESH_FAILURES);
    }

    /** Time spent on requests with the primary grant, in nanoseconds. */
    public long fetchNanos() {
        return get(Count.FETCH_NANOS);
    }

    /** Time spent on requests with a refresh token, in nanoseconds. */
    public long refreshNanos() {
        return get(Count.REFRESH_NANOS);
    }
}
