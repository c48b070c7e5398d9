package org.lastmile.camel.vendorauth.test;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;

import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.Claim;
import org.lastmile.camel.vendorauth.spi.FailureState;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.spi.TokenStore;

/**
 * Drives a {@link TokenStore} as the policy does, for tests of stores: claim; when won, run the fetch on the executor and
 * end the lease with its outcome; when another party's flight failed, fail with its words.
 */
public final class StoreFlights {

    private StoreFlights() {
    }

    /**
     * One token through the store's flight.
     *
     * @param fetch given the lease's current token, returns the new one or throws
     */
    public static CompletableFuture<AccessToken> fetch(TokenStore store, TokenKey key, Predicate<AccessToken> reusable,
                                                       Function<AccessToken, AccessToken> fetch, Executor executor) {
        return store.claim(key, reusable).thenComposeAsync(claim -> {
            if (claim instanceof Claim.Found found) {
                return CompletableFuture.completedFuture(found.token());
            }
            if (claim instanceof Claim.Failed failed) {
                return CompletableFuture.failedFuture(failed.state().lastFailure());
            }
            Claim.Won won = (Claim.Won) claim;
            try {
                AccessToken fresh = fetch.apply(won.lease().current());
                won.lease().succeed(fresh);
                return CompletableFuture.completedFuture(fresh);
            } catch (RuntimeException e) {
                TokenEndpointException failure = e instanceof TokenEndpointException endpoint ? endpoint
                        : new TokenEndpointException(key.profile(), TokenEndpointException.NO_RESPONSE, null,
                                e.getMessage(), null, e);
                won.lease().fail(new FailureState(failure, 1, Instant.EPOCH));
                return CompletableFuture.failedFuture(failure);
            }
        }, executor);
    }
}
