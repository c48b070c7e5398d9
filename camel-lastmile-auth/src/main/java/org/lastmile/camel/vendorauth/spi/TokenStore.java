package org.lastmile.camel.vendorauth.spi;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where tokens live between fetches, and who fetches the next one: one party at a time per key within the store's reach
 * (one JVM for {@link InMemoryTokenStore}, a whole cluster for a shared store). The policy above drives every step: it
 * {@linkplain #claim claims} a key, and when it wins, fetches from the vendor itself and ends the {@link Lease} with the
 * outcome. The store never calls up into the policy; it only answers, and announces {@link StoreEvent}s.
 *
 * <p>
 * A store keeps each token until {@link AccessToken#keepUntil()}, never keeps a failed fetch as a token, and throws
 * {@link StoreUnavailableException} (or completes with it) when it cannot answer.
 */
public interface TokenStore {

    /** The token held for the key, valid or not, or {@code null}. May be a remote call: not for the hot path. */
    AccessToken get(TokenKey key);

    /**
     * Joins or starts the key's one flight. Completes with {@link Claim.Found} when the store holds a token that passes
     * {@code reusable} (read again after winning, since another party may have finished meanwhile) or when the flight this
     * caller waited on stored one; with {@link Claim.Won} when this caller is to fetch; with {@link Claim.Failed} when the
     * flight it waited on failed. Waiting holds no thread.
     *
     * @param key      the credential's key
     * @param reusable whether a stored token is good enough to spare a fetch (a pure test of the token)
     */
    CompletableFuture<Claim> claim(TokenKey key, Predicate<AccessToken> reusable);

    /**
     * Removes the key's token, but only if it is still the token of that text: a late invalidation of an old token never
     * removes a newer one. Subscribers everywhere hear {@link StoreEvent.Invalidated}. May be a remote call.
     *
     * @return whether a token was removed
     */
    boolean invalidate(TokenKey key, String accessToken);

    /**
     * Tells {@code listener} what happens to the key's tokens, whoever caused it.
     *
     * @return what ends the subscription
     */
    AutoCloseable subscribe(TokenKey key, Consumer<StoreEvent> listener);
}
