package org.lastmile.camel.vendorauth.internal.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.Claim;
import org.lastmile.camel.vendorauth.spi.FailureState;
import org.lastmile.camel.vendorauth.spi.Lease;
import org.lastmile.camel.vendorauth.spi.StoreEvent;
import org.lastmile.camel.vendorauth.spi.StoreUnavailableException;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.spi.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared store, else a store of this JVM: the one place that decides what happens while the shared store does not
 * answer. When it throws (or completes with) a {@link StoreUnavailableException}, this JVM goes on with the local store
 * for {@value #SPELL_SECONDS} seconds (one flight per key in the JVM, so exchanges keep their tokens and the vendor sees one
 * request per JVM, not one per exchange), logs it once, then tries the shared store again and logs its return when it
 * answers.
 */
public final class FallbackTokenStore implements TokenStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackTokenStore.class);
    private static final int SPELL_SECONDS = 5;
    private static final Duration SPELL = Duration.ofSeconds(SPELL_SECONDS);

    private final TokenStore shared;
    private final TokenStore local;
    private final Clock clock;
    private final AtomicBoolean onOwn = new AtomicBoolean();
    private volatile long onOwnUntil;

    /**
     * @param shared the store to use while it answers; closed with this one when it is {@link AutoCloseable}
     * @param local  the store to use while it does not
     * @param clock  the time source of the spell
     */
    public FallbackTokenStore(TokenStore shared, TokenStore local, Clock clock) {
        this.shared = shared;
        this.local = local;
        this.clock = clock;
    }

    /** Whether this JVM goes on its own now. */
    public boolean onOwn() {
        if (!onOwn.get()) {
            return false;
        }
        return clock.millis() < onOwnUntil;
    }

    @Override
    public AccessToken get(TokenKey key) {
        if (!onOwn()) {
            try {
                AccessToken token = shared.get(key);
                answered();
                return token;
            } catch (StoreUnavailableException e) {
                goOnOwn(e);
            }
        }
        return local.get(key);
    }

    @Override
    public CompletableFuture<Claim> claim(TokenKey key, Predicate<AccessToken> reusable) {
        if (onOwn()) {
            return local.claim(key, reusable);
        }
        CompletableFuture<Claim> claimed;
        try {
            claimed = shared.claim(key, reusable);
        } catch (StoreUnavailableException e) {
            goOnOwn(e);
            return local.claim(key, reusable);
        }
        return claimed.handle((claim, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                    : failure;
            if (cause instanceof StoreUnavailableException unavailable) {
                goOnOwn(unavailable);
                return local.claim(key, reusable);
            }
            if (cause != null) {
                return CompletableFuture.<Claim>failedFuture(cause);
            }
            answered();
            return CompletableFuture.completedFuture(claim instanceof Claim.Won won ? new Claim.Won(
                    new WatchedLease(won.lease())) : claim);
        }).thenCompose(next -> next);
    }

    @Override
    public boolean invalidate(TokenKey key, String accessToken) {
        // the local store may hold a token from a spell on its own
        boolean removed = local.invalidate(key, accessToken);
        if (!onOwn()) {
            try {
                removed |= shared.invalidate(key, accessToken);
                answered();
            } catch (StoreUnavailableException e) {
                goOnOwn(e);
            }
        }
        return removed;
    }

    @Override
    public AutoCloseable subscribe(TokenKey key, Consumer<StoreEvent> listener) {
        AutoCloseable fromShared = shared.subscribe(key, listener);
        AutoCloseable fromLocal = local.subscribe(key, listener);
        return () -> {
            try {
                fromShared.close();
            } finally {
                fromLocal.close();
            }
        };
    }

    private void goOnOwn(StoreUnavailableException e) {
        onOwnUntil = clock.millis() + SPELL.toMillis();
        if (onOwn.compareAndSet(false, true)) {
            LOG.warn("The shared token store does not answer ({}): this JVM fetches tokens on its own for {} s at a"
                    + " time until it does", e.getMessage(), SPELL_SECONDS);
        }
    }

    private void answered() {
        if (onOwn.compareAndSet(true, false)) {
            LOG.info("The shared token store answers again: tokens are shared with the cluster again");
        }
    }

    /** A lease of the shared store: trouble while ending it sends this JVM on its own, and never reaches the policy. */
    private final class WatchedLease implements Lease {
        private final Lease lease;

        WatchedLease(Lease lease) {
            this.lease = lease;
        }

        @Override
        public AccessToken current() {
            return lease.current();
        }

        @Override
        public void succeed(AccessToken token) {
            watch(() -> lease.succeed(token));
        }

        @Override
        public void fail(FailureState state) {
            watch(() -> lease.fail(state));
        }

        @Override
        public void release() {
            watch(lease::release);
        }

        @Override
        public boolean held() {
            return lease.held();
        }

        private void watch(Runnable end) {
            try {
                end.run();
            } catch (StoreUnavailableException e) {
                // the lease's waiters have their answer already; the shared map is given up on for a while
                goOnOwn(e);
            }
        }
    }

    /** Closes the shared store when it can be closed; the local one holds nothing to close. */
    @Override
    public void close() throws Exception {
        if (shared instanceof AutoCloseable closeable) {
            closeable.close();
        }
        if (local instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
