package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import org.lastmile.camel.vendorauth.internal.oauth.TokenClient;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.Claim;
import org.lastmile.camel.vendorauth.spi.FailureState;
import org.lastmile.camel.vendorauth.spi.Lease;
import org.lastmile.camel.vendorauth.spi.StoreEvent;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.spi.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens of one credential, as this JVM sees them: a local copy for the hot path, and the policy for getting the next
 * one. Every endpoint of the same credential shares one source (see {@link TokenManager#source(Credential)}).
 *
 * <ul>
 * <li>{@link #tryNow()} answers from the local copy: no I/O, no lock, no allocation. When the copy is due, it starts one
 * background refresh and still answers with the copy.</li>
 * <li>{@link #await()} is for callers with nothing usable: they share one flight, which asks the store (that may find a
 * token another member fetched) and, failing that, the vendor: the refresh token first, then the primary grant.</li>
 * <li>After a failure nothing is cached, and the vendor is left alone for a {@link Backoff} delay; callers meanwhile keep a
 * still-valid token or fail fast with the last error.</li>
 * </ul>
 */
public final class TokenSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenSource.class);

    private final Credential request;
    private final TokenKey key;
    private final TokenStore store;
    private final TokenClient client;
    private final Executor executor;
    private final Clock clock;
    private final RefreshTiming timing;
    private final Backoff backoff;
    private final AutoCloseable watch;

    private final TokenStatistics statistics = new TokenStatistics();
    private final AtomicReference<LocalToken> local = new AtomicReference<>();
    /** The text of the token the local copy held before the current one, to recognise a 401 for it. */
    private volatile String previous;
    /** The text of the last token invalidated here: never adopted again, whatever a store or a late event says. */
    private volatile String rejected;

    private final Object lock = new Object();
    /** Read without the lock on the hot path; written under it. */
    private volatile boolean flying;
    private volatile long retryAt;
    private CompletableFuture<LocalToken> flight;
    private int failures;
    private TokenEndpointException lastFailure;

    TokenSource(Credential request, TokenKey key, TokenStore store, TokenClient client, Executor executor, Clock clock,
                RefreshTiming timing, Backoff backoff) {
        this.request = request;
        this.key = key;
        this.store = store;
        this.client = client;
        this.executor = executor;
        this.clock = clock;
        this.timing = timing;
        this.backoff = backoff;
        this.watch = store.subscribe(key, event -> {
            if (event instanceof StoreEvent.Invalidated invalidated) {
                invalidatedElsewhere(invalidated.fingerprint());
            }
        });
    }

    /** The credential's key: safe to log. */
    public TokenKey key() {
        return key;
    }

    /**
     * The token to send now, or {@code null} when there is none and the caller must {@link #await()}. Starts a background
     * refresh when the token is due.
     */
    public LocalToken tryNow() {
        LocalToken current = local.get();
        if (current == null) {
            return null;
        }
        long now = clock.millis();
        if (now >= current.usableUntil()) {
            return null;
        }
        if (now >= current.refreshAt() && !flying && now >= retryAt) {
            synchronized (lock) {
                if (flight == null && now >= retryAt) {
                    startFlight();
                }
            }
        }
        statistics.localHit();
        return current;
    }

    /**
     * A usable token, once there is one. Completes at once when a token is at hand; fails at once, with the last error,
     * while backing off after failures; otherwise joins the one flight.
     */
    public CompletableFuture<LocalToken> await() {
        LocalToken current = tryNow();
        if (current != null) {
            return CompletableFuture.completedFuture(current);
        }
        statistics.waited();
        synchronized (lock) {
            CompletableFuture<LocalToken> running = flight;
            if (running == null) {
                long now = clock.millis();
                if (lastFailure != null && now < retryAt) {
                    return CompletableFuture.failedFuture(
                            lastFailure.whileBackingOff(Duration.ofMillis(retryAt - now), failures));
                }
                // not re-read from the field: a flight that fails at once has already cleared it
                running = startFlight();
            }
            // a copy: a caller that cancels its future must not cancel everybody's flight
            return running.copy();
        }
    }

    /**
     * Drops the token of that text, here and in the store, if it is still the current one: a late 401 for an old token
     * evicts nothing newer.
     *
     * @return whether the store held that token and removed it
     */
    public CompletableFuture<Boolean> invalidate(String accessToken) {
        rejected = accessToken;
        LocalToken current = local.get();
        if (current != null && current.token().value().equals(accessToken)) {
            local.compareAndSet(current, null);
        }
        return CompletableFuture.supplyAsync(() -> store.invalidate(key, accessToken), executor);
    }

    /** Holder of the lock: starts the one flight. */
    private CompletableFuture<LocalToken> startFlight() {
        flying = true;
        CompletableFuture<LocalToken> started = store.claim(key, this::reusable).thenComposeAsync(claim -> {
            if (claim instanceof Claim.Found found) {
                statistics.storeHit();
                return CompletableFuture.completedFuture(adopt(found.token()));
            }
            if (claim instanceof Claim.Failed failed) {
                return CompletableFuture.failedFuture(failed.state().lastFailure());
            }
            Lease lease = ((Claim.Won) claim).lease();
            AccessToken fresh;
            try {
                fresh = fetchFromVendor(lease.current());
            } catch (TokenEndpointException e) {
                int failuresNow;
                synchronized (lock) {
                    failuresNow = failures + 1;
                }
                lease.fail(new FailureState(e, failuresNow,
                        clock.instant().plus(backoff.delay(failuresNow, e.getRetryAfter()))));
                return CompletableFuture.failedFuture(e);
            } catch (RuntimeException e) {
                lease.release();
                return CompletableFuture.failedFuture(e);
            }
            lease.succeed(fresh);
            return CompletableFuture.completedFuture(adopt(fresh));
        }, executor);
        flight = started;
        started.whenComplete((token, failure) -> landed(started, failure));
        return started;
    }

    private void landed(CompletableFuture<LocalToken> landed, Throwable failure) {
        synchronized (lock) {
            if (flight == landed) {
                flight = null;
                flying = false;
            }
            if (failure == null) {
                failures = 0;
                lastFailure = null;
                retryAt = 0;
                return;
            }
            failures++;
            statistics.failed();
            lastFailure = asEndpointFailure(failure);
            Duration delay = backoff.delay(failures, lastFailure.getRetryAfter());
            retryAt = clock.millis() + delay.toMillis();
            LOG.warn("No token for {} (failure {} in a row); the vendor is left alone for {} ms: {}", key, failures,
                    delay.toMillis(), lastFailure.getMessage());
        }
    }

    private TokenEndpointException asEndpointFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TokenEndpointException endpointFailure) {
            return endpointFailure;
        }
        return new TokenEndpointException(request.profile(), TokenEndpointException.NO_RESPONSE, null,
                "token fetch failed: " + cause.getClass().getSimpleName(), null, cause);
    }

    /** Whether a token found in the store spares the fetch: not due yet, and not the one invalidated here. */
    private boolean reusable(AccessToken token) {
        return clock.millis() < timing.refreshAt(token) && !token.value().equals(rejected);
    }

    /**
     * One fetch: the refresh token first, when there is one; the primary grant when there is none or the vendor refuses it.
     * {@code current} is the store's token, so a refresh token another member rotated is the one used.
     */
    private AccessToken fetchFromVendor(AccessToken current) {
        AccessToken base = current;
        if (base == null) {
            LocalToken mine = local.get();
            base = mine == null ? null : mine.token();
        }
        if (base != null && request.refresh().enabled() && base.hasUsableRefreshToken(clock.instant())) {
            try {
                statistics.refreshed();
                return client.refreshToken(request, base);
            } catch (TokenEndpointException e) {
                if (!e.isGrantRejected()) {
                    throw e;
                }
                LOG.info("The refresh token of {} was refused ({}); asking with grant {} instead", key, e.getMessage(),
                        request.grantType().wireName());
            }
        }
        statistics.fetched();
        return client.requestToken(request);
    }

    /** Keeps the token as the local copy unless it is older than the copy or was invalidated here. */
    private LocalToken adopt(AccessToken token) {
        LocalToken fresh = LocalToken.of(token, timing);
        if (token.value().equals(rejected)) {
            return local.get() != null ? local.get() : fresh;
        }
        LocalToken before = local.get();
        LocalToken after = local.accumulateAndGet(fresh, (current, candidate) -> current == null
                || !current.token().expiresAt().isAfter(candidate.token().expiresAt()) ? candidate : current);
        if (before != null && after != before && !before.token().value().equals(after.token().value())) {
            previous = before.token().value();
        }
        return after;
    }

    /** Another thread or member invalidated a token of this credential: drop the local copy if it is that token. */
    private void invalidatedElsewhere(String fingerprint) {
        LocalToken current = local.get();
        if (current != null && current.token().fingerprint().equals(fingerprint)) {
            local.compareAndSet(current, null);
        }
    }

    /** What happened to this credential's tokens in this JVM. */
    public TokenStatistics statistics() {
        return statistics;
    }

    /** When the token at hand expires, or {@code null} when there is none. */
    public Instant tokenExpiresAt() {
        LocalToken current = local.get();
        return current == null ? null : current.token().expiresAt();
    }

    /**
     * Whether a caller without a usable token would fail now: the last flight failed and the vendor is being left alone.
     * The health of this credential is DOWN exactly while this holds and no usable token is at hand.
     */
    public boolean failing() {
        LocalToken current = local.get();
        boolean usable = current != null && clock.millis() < current.usableUntil();
        return !usable && lastFailureMessage() != null;
    }

    /** The last failure's message (the vendor's words, free of secrets), or {@code null} after a success. */
    public String lastFailureMessage() {
        synchronized (lock) {
            return lastFailure == null ? null : lastFailure.getMessage();
        }
    }

    /** Whether the token of that text is this credential's current or previous token. */
    boolean issued(String accessToken) {
        LocalToken current = local.get();
        return current != null && current.token().value().equals(accessToken) || accessToken.equals(previous)
                || accessToken.equals(rejected);
    }

    @Override
    public void close() throws Exception {
        watch.close();
    }
}
