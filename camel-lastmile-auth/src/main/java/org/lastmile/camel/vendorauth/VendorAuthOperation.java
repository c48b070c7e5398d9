package org.lastmile.camel.vendorauth;

/** What a {@code vendorauth:} endpoint does with an exchange. */
public enum VendorAuthOperation {
    /** Sets {@code Authorization: Bearer <token>}. */
    enrich,
    /**
     * Drops the token that the exchange's {@code Authorization} header carries, cluster-wide, if it is still the current
     * one; the next {@code enrich} fetches a new one. For an API's 401.
     */
    invalidate
}
