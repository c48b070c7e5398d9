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
     * Tells {@code listener} whenever the key's token is replaced (with the new token) or removed (with {@code null}),
     * whoever did it. A hint for local copies: a notice may come twice or, for a shared store, be lost.
     *
     * @return what ends the watch
     */
    AutoCloseable watch(TokenKey key, Consumer<AccessToken> listener);
}
