package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

import org.lastmile.camel.vendorauth.internal.oauth.GrantStrategy;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.CredentialName;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.Claim;
import org.lastmile.camel.vendorauth.spi.FailureState;
import org.lastmile.camel.vendorauth.spi.Lease;
import org.lastmile.camel.vendorauth.spi.SingleFlight;
import org.lastmile.camel.vendorauth.spi.StoreEvent;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.spi.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens of one credential, as this JVM sees them; every endpoint of the credential shares one source (see
 * {@link TokenManager#source(Credential)}). It decides nothing itself: it runs the steps in order and asks the named
 * policies.
 *
 * <ol>
 * <li>{@link #tryNow()}: the {@link CachedToken} while {@link RefreshTiming} says it is usable; when it is due, one
 * background refresh starts and the copy is still served.</li>
 * <li>{@link #await()}: a caller without a usable token fails fast while the {@link FailureGate} says so; otherwise it
 * joins this JVM's one flight for the credential.</li>
 * <li>The flight claims the credential in the {@link TokenStore}: {@link Claim.Found} is adopted;
 * {@link Claim.Won} fetches with the {@link GrantStrategy} on the fetch executor and ends the lease with the outcome;
 * {@link Claim.Failed} adopts the failure shared by whoever fetched.</li>
 * <li>The store's events keep the copy and the gate in step with other parties: {@link StoreEvent.Invalidated} drops the
 * copy of exactly that token, {@link StoreEvent.Stored} ends failing fast, {@link StoreEvent.Failed} adopts the shared
 * failure.</li>
 * <li>{@link #stop()} answers every caller still waiting, whoever fetches; a source the manager drops for idleness is
 * {@link #retired()}, and its endpoints ask the manager for the live one.</li>
 * </ol>
 */
public final class TokenSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenSource.class);

    private final Credential credential;
    private final TokenKey key;
    private final CredentialName name;
    private final TokenStore store;
    private final GrantStrategy grants;
    private final SingleFlight<TokenKey, LocalToken> flights;
    private final Executor executor;
    private final Clock clock;
    private final RefreshTiming timing;
    private final CachedToken cached = new CachedToken();
    private final FailureGate gate;
    /** The gate of failures that are no refusal of this subject (outages, a refused client), shared by the subjects of
     * one credential on behalf of callers; the own gate for any other credential. */
    private final FailureGate outages;
    /** Counted by the hot path itself: one object less to reach than through the statistics. */
    private final LongAdder localHits = new LongAdder();
    private final TokenStatistics statistics = new TokenStatistics(localHits);
    private final AutoCloseable subscription;
    private final WaitingCallers waiting;
    /** The lease this JVM holds while it fetches, released when stopping. */
    private volatile Lease held;
    private volatile boolean retired;
    private final IdleWatch idle;

    TokenSource(Credential credential, TokenStore store, GrantStrategy grants, SingleFlight<TokenKey, LocalToken> flights,
                Executor executor, Clock clock, RefreshTiming timing, FailureGate gate, FailureGate outages) {
        this.credential = credential;
        this.key = credential.key();
        this.name = CredentialName.of(credential, key);
        this.store = store;
        this.grants = grants;
        this.flights = flights;
        this.executor = executor;
        this.clock = clock;
        this.timing = timing;
        this.gate = gate;
        this.outages = outages;
        this.waiting = new WaitingCallers(key);
        this.idle = new IdleWatch(clock.millis());
        this.subscription = store.subscribe(key, this::onStoreEvent);
    }

    /** The credential's key: safe to log. */
    public TokenKey key() {
        return key;
    }

    /** The credential's readable name: profile, host, client id and short id, no secret. */
    public CredentialName name() {
        return name;
    }

    /**
     * The token to send now, or {@code null} when there is none and the caller must {@link #await()}. Starts a background
     * refresh when the token is due. The hot path: a volatile read and two comparisons while the token is not due.
     */
    public LocalToken tryNow() {
        LocalToken current = cached.get();
        if (current == null) {
            return null;
        }
        long now = clock.millis();
        if (now >= current.usableUntil()) {
            return null;
        }
        if (now >= current.refreshAt() && now >= gate.refreshAllowedAt() && !flights.running(key)) {
            flights.join(key, this::fly);
        }
        localHits.increment();
        return current;
    }

    /** Whether the token is in its refresh window: a renewal is due or under way. */
    public boolean refreshDue(LocalToken token) {
        return clock.millis() >= token.refreshAt();
    }

    /**
     * A usable token, once there is one: at once when one is at hand; failed at once, with the vendor's last words, while
     * the gate fails fast; otherwise from this JVM's one flight.
     */
    public CompletableFuture<LocalToken> await() {
        return await(true);
    }

    /**
     * @param again whether a token that is no longer usable when the flight ends (this JVM froze meanwhile) sends the
     *              caller to one more flight
     */
    private CompletableFuture<LocalToken> await(boolean again) {
        LocalToken current = tryNow();
        if (current != null) {
            return CompletableFuture.completedFuture(current);
        }
        statistics.waited();
        if (!flights.running(key)) {
            TokenEndpointException fast = gate.failFast();
            if (fast == null && outages != gate) {
                fast = outages.failFast();
            }
            if (fast != null) {
                statistics.rejected();
                return CompletableFuture.failedFuture(fast);
            }
        }
        CompletableFuture<LocalToken> flight = waiting.track(flights.join(key, this::fly));
        if (!again) {
            return flight;
        }
        return flight.thenCompose(token -> clock.millis() < token.usableUntil() ? CompletableFuture.completedFuture(token)
                : await(false));
    }

    /**
     * Answers every caller still waiting with an exception that names the shutdown, and gives back a lease held, so that
     * a stopping context strands no exchange, whoever is fetching.
     */
    void stop() {
        waiting.stop();
        Lease lease = held;
        if (lease != null) {
            endLease(lease::release);
        }
    }

    /**
     * Drops the token of that text, here and in the store, if it is still the current one: a late 401 for an old token
     * evicts nothing newer.
     *
     * @return whether the store held that token and removed it
     */
    public CompletableFuture<Boolean> invalidate(String accessToken) {
        cached.reject(accessToken);
        return CompletableFuture.supplyAsync(() -> store.invalidate(key, accessToken), executor);
    }

    /** One flight of this JVM: claim, then adopt, fetch or fail. */
    private CompletableFuture<LocalToken> fly() {
        return fly(true);
    }

    /**
     * @param mayClaimAgain whether a fetch that fails after its lease was lost (this JVM froze or was cut off) claims
     *                      once more, to find what the party that took over got, instead of failing its callers
     */
    private CompletableFuture<LocalToken> fly(boolean mayClaimAgain) {
        return store.claim(key, this::reusable).thenCompose(claim -> {
            if (claim instanceof Claim.Found found) {
                statistics.storeHit();
                LOG.debug("Token for {} taken from the store, valid until {}", name, found.token().expiresAt());
                return CompletableFuture.completedFuture(cached.adopt(found.token(), timing, credential.grant().renewable(found.token())));
            }
            if (claim instanceof Claim.Won won) {
                held = won.lease();
                if (waiting.stopped()) {
                    endLease(won.lease()::release);
                    return CompletableFuture.failedFuture(waiting.stopping());
                }
                return fetchOnExecutor(won.lease(), mayClaimAgain);
            }
            FailureState failure = ((Claim.Failed) claim).state();
            gate.adopt(failure);
            statistics.failed();
            // another party's failure: while it is in force, say that the vendor was not asked for this caller
            TokenEndpointException fast = gate.failFast();
            return CompletableFuture.failedFuture(fast != null ? fast : failure.lastFailure());
        });
    }

    private CompletableFuture<LocalToken> fetchOnExecutor(Lease lease, boolean mayClaimAgain) {
        CompletableFuture<LocalToken> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(fetch(lease, mayClaimAgain));
                } catch (LeaseLost lost) {
                    fly(false).whenComplete((token, failure) -> {
                        if (failure == null) {
                            result.complete(token);
                        } else {
                            result.completeExceptionally(failure);
                        }
                    });
                } catch (Throwable failure) {
                    result.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException rejected) {
            lease.release();
            result.completeExceptionally(rejected);
        }
        return result;
    }

    /** The fetch failed after its lease was lost: the flight is another party's, whose outcome the callers get. */
    private static final class LeaseLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeaseLost() {
            super("the lease was lost while fetching", null, false, false);
        }
    }

    /** The winner's part: ask the vendor, and end the lease with the outcome. */
    private LocalToken fetch(Lease lease, boolean mayClaimAgain) {
        AccessToken fresh;
        TokenStatistics.Fetch requests = statistics.fetch();
        long started = clock.millis();
        try {
            fresh = grants.fetch(credential, cached.renewalBase(lease.current()), requests, cached::refuseRefreshToken);
            requests.end(true);
        } catch (RuntimeException e) {
            requests.end(false);
            TokenEndpointException failure = asEndpointFailure(e);
            AccessToken shared = fetchedElsewhereSince(started);
            if (shared != null) {
                // this JVM froze or was cut off while it asked, and another member got a token meanwhile: the fault
                // is over for the cluster, and for the callers here too
                LOG.debug("The fetch for {} failed, but another member got a token meanwhile: {}", name,
                        failure.getMessage());
                endLease(lease::release);
                return cached.adopt(shared, timing, credential.grant().renewable(shared));
            }
            if (mayClaimAgain && !lease.held()) {
                // frozen or cut off past the lease: the failure may be this JVM's alone, and another party has the
                // flight now
                LOG.debug("The fetch for {} failed after its lease was lost; claiming again: {}", name,
                        failure.getMessage());
                endLease(lease::release);
                throw new LeaseLost();
            }
            FailureState state = (outages == gate || refusesSubject(failure) ? gate : outages).failed(failure);
            statistics.failed();
            long quiet = state.retryAt().toEpochMilli() - clock.millis();
            LOG.warn("No token for {} (failure {} in a row); {}: {}", name, state.failures(),
                    quiet <= 0 ? "will ask again at once" : "the vendor is left alone for " + quiet + " ms",
                    failure.getMessage());
            endLease(() -> lease.fail(state));
            throw failure;
        } catch (Error e) {
            endLease(lease::release);
            throw e;
        }
        gate.succeeded();
        outages.succeeded();
        LocalToken adopted = cached.adopt(fresh, timing, credential.grant().renewable(fresh));
        endLease(() -> lease.succeed(fresh));
        return adopted;
    }

    /**
     * A usable token the store holds that was asked for after {@code since} (by another member, after this JVM's lease
     * ended), or {@code null}, also when the store does not answer.
     */
    private AccessToken fetchedElsewhereSince(long since) {
        try {
            AccessToken shared = store.get(key);
            return shared != null && shared.obtainedAt().toEpochMilli() > since && !cached.rejected(shared)
                    && clock.millis() < timing.usableUntil(shared) ? shared : null;
        } catch (RuntimeException unavailable) {
            return null;
        }
    }

    /**
     * Whether the server refused this request's subject rather than the client or its own service: its failure counts for
     * this subject alone, so that one caller's bad token puts no other caller into fail-fast.
     */
    private static boolean refusesSubject(TokenEndpointException failure) {
        return failure.getStatus() == 400 && ("invalid_grant".equals(failure.getError())
                || "invalid_request".equals(failure.getError()) || "invalid_target".equals(failure.getError()));
    }

    /** Ends a lease; a store that cannot record the outcome does not change it for this JVM's callers. */
    private void endLease(Runnable end) {
        held = null;
        try {
            end.run();
        } catch (RuntimeException e) {
            LOG.warn("The token store could not record the outcome of the fetch for {}: {}", name, e.toString());
        }
    }

    private TokenEndpointException asEndpointFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TokenEndpointException endpointFailure) {
            return endpointFailure;
        }
        return new TokenEndpointException(credential.profile(), TokenEndpointException.NO_RESPONSE, null,
                "token fetch failed: " + cause.getClass().getSimpleName(), null, cause);
    }

    /**
     * Whether a token found in the store spares the fetch: its refresh window not open yet (or, for a token that cannot be
     * bettered, still usable), and not refused here.
     */
    private boolean reusable(AccessToken token) {
        long until = credential.grant().renewable(token) ? timing.windowOpens(token) : timing.usableUntil(token);
        return clock.millis() < until && !cached.rejected(token);
    }

    private void onStoreEvent(StoreEvent event) {
        if (event instanceof StoreEvent.Invalidated invalidated) {
            cached.drop(invalidated.fingerprint());
        } else if (event instanceof StoreEvent.Stored) {
            gate.succeeded();
        } else if (event instanceof StoreEvent.Failed failed) {
            gate.adopt(failed.state());
        }
    }

    /** What happened to this credential's tokens in this JVM. */
    public TokenStatistics statistics() {
        return statistics;
    }

    /** When the token at hand expires, or {@code null} when there is none. */
    public Instant tokenExpiresAt() {
        return cached.expiresAt();
    }

    /**
     * Whether a caller without a usable token is failed fast now, and none is at hand. The health of this credential is
     * DOWN exactly while this holds: from the failure threshold (or a vendor's {@code Retry-After}) on, not at a hiccup.
     */
    public boolean failing() {
        LocalToken current = cached.get();
        boolean usable = current != null && clock.millis() < current.usableUntil();
        return !usable && gate.failingFast();
    }

    /** The last failure's message (the vendor's words, free of secrets), or {@code null} after a success. */
    public String lastFailureMessage() {
        return gate.lastFailureMessage();
    }

    /**
     * Whether nobody used this credential for {@code timeout} and nothing is pending: what the manager's sweep asks. Uses
     * are read from the statistics the hot path counts anyway, so idleness costs the hot path nothing.
     */
    boolean idleFor(long now, long timeout) {
        return idle.unusedFor(statistics.localHits() + statistics.waits(), now) >= timeout && waiting.none()
                && !flights.running(key);
    }

    /** Whether the manager dropped this source: its endpoints ask the manager for the live one. */
    public boolean retired() {
        return retired;
    }

    /** The manager dropped this source: it forgets its tokens and its subscription. */
    void retire() throws Exception {
        retired = true;
        cached.clear();
        close();
    }

    /** Ends the subscription to the store's events. */
    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
