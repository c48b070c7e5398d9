package org.lastmile.camel.vendorauth.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;


/**
 * Where tokens live between fetches, and how a fetch is arranged so that only one runs per key within the store's reach:
 * one JVM for {@link InMemoryTokenStore}, a whole cluster for a shared store. The {@code TokenManager} sees only this
 * contract, so it works the same on either.
 *
 * <p>
 * A store keeps each token until {@link AccessToken#keepUntil()} and never keeps a failed fetch.
 */
public interface TokenStore {

    /** The token held for the key, valid or not, or {@code null}. May be a remote call: not for the hot path. */
    AccessToken get(TokenKey key);

    /**
     * Obtains a token for the key through a single flight. The one caller that wins the flight first reads the store again
     * and, when the token found there passes {@code reusable} (another party finished meanwhile), returns it without a
     * fetch; otherwise it runs {@code fetcher} on {@code executor} with the current token, saves the result and returns
     * it. Every other caller, in this JVM or (for a shared store) on another member, waits for that result without
     * holding a thread. A failed fetch fails the winner's callers and saves nothing.
     *
     * @param key      the credential's key
     * @param reusable whether a token already in the store is good enough to skip the fetch
     * @param fetcher  the fetch itself
     * @param executor where the fetch runs
     */
    CompletableFuture<AccessToken> fetch(TokenKey key, Predicate<AccessToken> reusable, TokenFetcher fetcher,
                                         Executor executor);

    /**
     * Removes the key's token, but only if it is still the token of that text: a late invalidation of an old token never
     * removes a newer one. May be a remote call.
     *
     * @return whether a token was removed
     */
    boolean invalidate(TokenKey key, String accessToken);

    /**
     * Tells {@code listener} when a token of the key is invalidated, whoever did it, with that token's
     * {@linkplain AccessToken#fingerprint() fingerprint}, so that a local copy of exactly that token is dropped. New tokens
     * are not announced: they reach a caller through {@link #fetch}, the one way a token travels. A notice may come twice
     * or, for a shared store, be lost; a local copy is bounded by its own expiry either way.
     *
     * @return what ends the subscription
     */
    AutoCloseable onInvalidated(TokenKey key, Consumer<String> listener);
}
