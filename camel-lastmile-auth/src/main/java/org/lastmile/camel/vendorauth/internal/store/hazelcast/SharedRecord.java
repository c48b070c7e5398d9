package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.FailureState;

/**
 * What the store writes into the cluster's maps, each sealed for its credential by {@link TokenSealer}. Every record but
 * the token carries its own expiry in cluster time ({@link ClusterClock}), so that a record whose map entry lost its time
 * to live (a member died between two calls, or an outsider wrote it) still ends.
 */
sealed interface SharedRecord {

    /** A token, in the tokens map. */
    record Token(AccessToken token) implements SharedRecord {
    }

    /** The token of that fingerprint was refused: in the tokens map in place of the token, until {@code expiresAt}. */
    record Tombstone(String fingerprint, long expiresAt) implements SharedRecord {
    }

    /** A flight held by the lease of that id, in the flights map, until {@code expiresAt} unless renewed. */
    record Marker(String lease, long expiresAt) implements SharedRecord {
    }

    /**
     * The last flight failed: in the flights map until {@code expiresAt}, so that waiters fail with its words. It was
     * written under a lease won at {@code since}: a token asked for after that (another member took the flight over
     * while this one was cut off or frozen) makes the record stale, and readers ignore it.
     */
    record Failure(FailureState state, long expiresAt, long since) implements SharedRecord {

        /** Whether a token asked for at {@code obtainedAt} (cluster time) came after this failure's lease was won. */
        boolean outdatedBy(long obtainedAt) {
            return obtainedAt > since;
        }
    }
}
