package org.lastmile.camel.vendorauth.spi;

/**
 * What a store tells the subscribers of a credential ({@link TokenStore#subscribe}), whoever caused it: hints that keep
 * local state in step with the store. They may come twice or, for a shared store, be lost; tokens themselves never travel
 * this way, only through {@link TokenStore#claim}.
 */
public sealed interface StoreEvent {

    /** A new token was stored: a credential that was failing works again. */
    record Stored(String fingerprint) implements StoreEvent {
    }

    /** The token of that fingerprint was invalidated: a local copy of exactly that token must go. */
    record Invalidated(String fingerprint) implements StoreEvent {
    }

    /** A fetch failed: the credential's failure state as now shared. */
    record Failed(FailureState state) implements StoreEvent {
    }
}
