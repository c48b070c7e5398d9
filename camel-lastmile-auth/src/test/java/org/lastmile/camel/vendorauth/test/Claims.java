package org.lastmile.camel.vendorauth.test;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.Claim;
import org.lastmile.camel.vendorauth.spi.FailureState;
import org.lastmile.camel.vendorauth.spi.Lease;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.spi.TokenFetcher;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.spi.TokenStore;

/**
 * Drives a store as the policy does, for tests of stores: claims the key and, when the claim is won, runs the fetcher on
 * the executor and ends the lease with its outcome (a vendor failure is recorded, anything else releases the lease).
 */
public final class Claims {

    private Claims() {
    }

    /** The token the claim found, or the one the fetcher made; fails with the fetcher's or the flight's failure. */
    public static CompletableFuture<AccessToken> fetch(TokenStore store, TokenKey key, Predicate<AccessToken> reusable,
                                                       TokenFetcher fetcher, Executor executor) {
        return store.claim(key, reusable).thenComposeAsync(claim -> {
            if (claim instanceof Claim.Found found) {
                return CompletableFuture.completedFuture(found.token());
            }
            if (claim instanceof Claim.Failed failed) {
                return CompletableFuture.failedFuture(failed.state().lastFailure());
            }
            Lease lease = ((Claim.Won) claim).lease();
            AccessToken fresh;
            try {
                fresh = fetcher.fetch(lease.current());
            } catch (TokenEndpointException e) {
                lease.fail(new FailureState(e, 1, Instant.now()));
                return CompletableFuture.failedFuture(e);
            } catch (RuntimeException e) {
                lease.release();
                return CompletableFuture.failedFuture(e);
            }
            lease.succeed(fresh);
            return CompletableFuture.completedFuture(fresh);
        }, executor);
    }
}
