package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One clock for what crosses the cluster: Hazelcast's cluster time, which every member derives from the master's clock,
 * so that an instant written by a member whose wall clock runs ahead means the same instant to every other member.
 * Instants of this JVM (its {@link Clock}) are turned into cluster time when written and back when read.
 *
 * <p>
 * A Hazelcast client has no cluster time (its {@code getClusterTime()} is its own wall clock, and pods' clocks drift), so
 * a client estimates it: {@link MasterClockProbe} measures the master's clock against this JVM's, at start and every
 * {@link #CLIENT_PROBE_EVERY_MILLIS} after, and the client adds that offset. Until a first measurement succeeds (tried
 * again every second) the offset is 0, and the store says so.
 */
final class ClusterClock {

    /** How often a client measures the cluster's time again: clocks drift, and the master may change. */
    static final long CLIENT_PROBE_EVERY_MILLIS = 30_000;

    private static final Logger LOG = LoggerFactory.getLogger(ClusterClock.class);

    private final HazelcastInstance hazelcast;
    private final Clock clock;
    private final boolean member;
    /** A client's estimate of cluster time minus this JVM's clock. */
    private volatile long clientOffset;
    private volatile boolean measured;
    private volatile long measuredAt;
    /** Whether the last measurement failed, so that a failing one is reported once. */
    private volatile boolean failing;
    private final AtomicBoolean measuring = new AtomicBoolean();

    ClusterClock(HazelcastInstance hazelcast, Clock clock) {
        this.hazelcast = hazelcast;
        this.clock = clock;
        this.member = hazelcast.getLocalEndpoint() instanceof Member;
    }

    /** Whether this JVM is a client, whose cluster time is an estimate that {@link #measure()} keeps up to date. */
    boolean estimated() {
        return !member;
    }

    /**
     * A client measures the cluster's time when it has no measurement yet, or its last is {@link
     * #CLIENT_PROBE_EVERY_MILLIS} old (nothing on a member); run it often on the store's timer.
     */
    void measureWhenDue() {
        if (!member && (!measured || System.nanoTime() - measuredAt >= CLIENT_PROBE_EVERY_MILLIS * 1_000_000)
                && measuring.compareAndSet(false, true)) {
            // one at a time: a measurement may wait for a cluster that does not answer
            try {
                measure();
            } finally {
                measuring.set(false);
            }
        }
    }

    /** A client measures the cluster's time now (nothing on a member). */
    void measure() {
        if (member) {
            return;
        }
        try {
            MasterClockProbe.Estimate estimate = new MasterClockProbe(hazelcast, clock).measure();
            if (Math.abs(estimate.offset() - clientOffset) > 1000 || !measured) {
                LOG.info("This Hazelcast client's clock is {} ms {} the cluster's (measured to within {} ms)",
                        Math.abs(estimate.offset()), estimate.offset() > 0 ? "behind" : "ahead of",
                        estimate.uncertainty());
            }
            clientOffset = estimate.offset();
            measured = true;
            measuredAt = System.nanoTime();
            failing = false;
        } catch (RuntimeException e) {
            if (failing) {
                LOG.debug("Could not measure the cluster's time from this Hazelcast client", e);
                return;
            }
            failing = true;
            LOG.warn("Could not measure the cluster's time from this Hazelcast client ({}); {}", e.toString(),
                    measured ? "keeping the last measurement" : "using this JVM's clock until a measurement succeeds");
        }
    }

    /** The cluster's time now, in epoch milliseconds. */
    long now() {
        return member ? hazelcast.getCluster().getClusterTime() : clock.millis() + clientOffset;
    }

    /** This JVM's clock now. */
    Instant localNow() {
        return clock.instant();
    }

    /** How far the cluster's time is ahead of this JVM's clock, in milliseconds (negative when behind). */
    long offset() {
        return now() - clock.millis();
    }
}
