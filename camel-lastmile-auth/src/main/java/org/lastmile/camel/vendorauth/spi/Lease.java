package org.lastmile.camel.vendorauth.spi;

/**
 * The right, won through {@link TokenStore#claim}, to fetch one credential's next token while everybody else within the
 * store's reach waits. The holder must end it exactly once, with {@link #succeed}, {@link #fail} or {@link #release};
 * until then the store keeps it alive (a shared store renews it, so that a holder that dies or freezes loses it within
 * seconds and another party takes over).
 */
public interface Lease {

    /** The token the store held when the lease was won (its refresh token may be used), or {@code null}. */
    AccessToken current();

    /** Stores the fetched token and hands it to every waiter ({@link Claim.Found}). */
    void succeed(AccessToken token);

    /** Records the failure for every waiter and member ({@link Claim.Failed}, {@link StoreEvent.Failed}); stores nothing. */
    void fail(FailureState state);

    /** Ends the lease without an outcome (shutting down): waiters claim again. */
    void release();

    /**
     * Whether the lease is still the holder's. A shared store's lease is lost once its renewals stopped standing (the
     * holder froze or was cut off): another party may have taken the flight over, and an outcome of the holder's is not
     * the cluster's. A store without such leases holds them until they end.
     */
    default boolean held() {
        return true;
    }
}
