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
}
