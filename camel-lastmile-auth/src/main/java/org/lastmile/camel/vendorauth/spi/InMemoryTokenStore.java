package org.lastmile.camel.vendorauth.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A store for one JVM: tokens in a map, one flight per key in the JVM ({@link SingleFlight}). Entries past
 * {@link AccessToken#keepUntil()} are dropped when next read, and swept at most once a minute when a flight is claimed, so
 * that credentials that fall out of use do not stay for ever.
 *
 * <p>
 * The last failure of a key is kept until a token is stored or its {@link FailureState#retryAt()} has passed: meanwhile a
 * claim without a reusable token answers {@link Claim.Failed} with it, so that a party that never asked learns the vendor's
 * words instead of asking again.
 */
public final class InMemoryTokenStore implements TokenStore {

    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final Map<TokenKey, AccessToken> tokens = new ConcurrentHashMap<>();
    private final Map<TokenKey, FailureState> failures = new ConcurrentHashMap<>();
    private final SingleFlight<TokenKey, Claim> flights = new SingleFlight<>();
    private final Map<TokenKey, List<Consumer<StoreEvent>>> subscribers = new ConcurrentHashMap<>();
    private final Clock clock;
    /** Epoch millisecond of the next sweep of expired entries. */
    private final AtomicLong nextSweep = new AtomicLong();

    /** A store on the system clock. */
    public InMemoryTokenStore() {
        this(Clock.systemUTC());
    }

    /** A store on the given clock. */
    public InMemoryTokenStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public AccessToken get(TokenKey key) {
        AccessToken token = tokens.get(key);
        if (token != null && !clock.instant().isBefore(token.keepUntil())) {
            tokens.remove(key, token);
            return null;
        }
        return token;
    }

    @Override
    public CompletableFuture<Claim> claim(TokenKey key, Predicate<AccessToken> reusable) {
        sweepExpired();
        CompletableFuture<Claim> mine = new CompletableFuture<>();
        CompletableFuture<Claim> joined = flights.join(key, () -> open(key, reusable, mine));
        if (mine.isDone()) {
            // this caller opened the flight: it won, or found a token, or a failure still in force
            return mine;
        }
        // a released lease ends its flight without an outcome: its waiters try again
        return joined.exceptionallyCompose(failure -> released(failure)
                ? claim(key, reusable) : CompletableFuture.failedFuture(failure));
    }

    /** Ends the flight of a released lease: its waiters claim again. */
    private static final class Released extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Released() {
            super("lease released", null, false, false);
        }
    }

    private static boolean released(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof Released;
    }

    /** The opener's part: reads again, and either answers at once or hands out the lease. Returns the flight's outcome. */
    private CompletableFuture<Claim> open(TokenKey key, Predicate<AccessToken> reusable, CompletableFuture<Claim> opener) {
        AccessToken current = get(key);
        if (current != null && reusable.test(current)) {
            Claim found = new Claim.Found(current);
            opener.complete(found);
            return CompletableFuture.completedFuture(found);
        }
        FailureState failure = failureInForce(key);
        if (failure != null) {
            Claim failed = new Claim.Failed(failure);
            opener.complete(failed);
            return CompletableFuture.completedFuture(failed);
        }
        MemoryLease lease = new MemoryLease(key, current);
        opener.complete(new Claim.Won(lease));
        return lease.outcome;
    }

    private FailureState failureInForce(TokenKey key) {
        FailureState failure = failures.get(key);
        if (failure != null && !clock.instant().isBefore(failure.retryAt())) {
            failures.remove(key, failure);
            return null;
        }
        return failure;
    }

    /** The right to fetch one key's next token in this JVM. */
    private final class MemoryLease implements Lease {
        private final TokenKey key;
        private final AccessToken current;
        private final CompletableFuture<Claim> outcome = new CompletableFuture<>();
        private final AtomicBoolean ended = new AtomicBoolean();

        MemoryLease(TokenKey key, AccessToken current) {
            this.key = key;
            this.current = current;
        }

        @Override
        public AccessToken current() {
            return current;
        }

        @Override
        public void succeed(AccessToken token) {
            if (ended.compareAndSet(false, true)) {
                tokens.put(key, token);
                failures.remove(key);
                publish(key, new StoreEvent.Stored(token.fingerprint()));
                outcome.complete(new Claim.Found(token));
            }
        }

        @Override
        public void fail(FailureState state) {
            if (ended.compareAndSet(false, true)) {
                failures.put(key, state);
                publish(key, new StoreEvent.Failed(state));
                outcome.complete(new Claim.Failed(state));
            }
        }

        @Override
        public void release() {
            if (ended.compareAndSet(false, true)) {
                outcome.completeExceptionally(new Released());
            }
        }
    }

    private void sweepExpired() {
        long now = clock.millis();
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + SWEEP_INTERVAL.toMillis())) {
            return;
        }
        Instant instant = Instant.ofEpochMilli(now);
        tokens.forEach((key, token) -> {
            if (!instant.isBefore(token.keepUntil())) {
                tokens.remove(key, token);
            }
        });
        failures.forEach((key, failure) -> {
            if (!instant.isBefore(failure.retryAt())) {
                failures.remove(key, failure);
            }
        });
    }

    @Override
    public boolean invalidate(TokenKey key, String accessToken) {
        AccessToken current = tokens.get(key);
        if (current != null && current.value().equals(accessToken) && tokens.remove(key, current)) {
            publish(key, new StoreEvent.Invalidated(current.fingerprint()));
            return true;
        }
        return false;
    }

    @Override
    public AutoCloseable subscribe(TokenKey key, Consumer<StoreEvent> listener) {
        // immutable lists swapped under the map's lock: a key has one subscriber as a rule, and a list of one is small
        subscribers.merge(key, List.of(listener), (known, added) -> Stream.concat(known.stream(), added.stream()).toList());
        return () -> subscribers.computeIfPresent(key, (k, list) -> {
            List<Consumer<StoreEvent>> rest = list.stream().filter(each -> each != listener).toList();
            return rest.isEmpty() ? null : rest;
        });
    }

    private void publish(TokenKey key, StoreEvent event) {
        List<Consumer<StoreEvent>> list = subscribers.get(key);
        if (list != null) {
            for (Consumer<StoreEvent> listener : list) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    // a subscriber's trouble must not end the lease that caused the event
                }
            }
        }
    }

    /** How many tokens are held: for tests and statistics. */
    public int size() {
        return tokens.size();
    }
}
