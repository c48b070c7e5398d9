package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.time.Clock;
import java.time.Instant;

import com.hazelcast.cluster.Cluster;

/**
 * One clock for what crosses the cluster: Hazelcast's cluster time, which every member derives from the master's clock,
 * so that an instant written by a member whose wall clock runs ahead means the same instant to every other member.
 * Instants of this JVM (its {@link Clock}) are turned into cluster time when written and back when read. A Hazelcast
 * client has no cluster time of its own and uses its wall clock.
 */
final class ClusterClock {

    private final Cluster cluster;
    private final Clock clock;

    ClusterClock(Cluster cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    /** The cluster's time now, in epoch milliseconds. */
    long now() {
        return cluster.getClusterTime();
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
