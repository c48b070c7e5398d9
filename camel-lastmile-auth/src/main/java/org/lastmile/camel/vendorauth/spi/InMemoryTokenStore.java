package org.lastmile.camel.vendorauth.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A store for one JVM: tokens in a map, one flight per key in the JVM. Entries past {@link AccessToken#keepUntil()} are
 * dropped when next read, and swept at most once a minute when a flight starts, so that credentials that fall out of use
 * do not stay for ever.
 */
public final class InMemoryTokenStore implements TokenStore {

    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final Map<TokenKey, AccessToken> tokens = new ConcurrentHashMap<>();
    private final Map<TokenKey, CompletableFuture<Claim>> flights = new ConcurrentHashMap<>();
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
        CompletableFuture<Claim> outcome = new CompletableFuture<>();
        CompletableFuture<Claim> running = flights.putIfAbsent(key, outcome);
        if (running != null) {
            return running.handle((claim, failure) -> failure == null ? CompletableFuture.completedFuture(claim)
                    : claim(key, reusable)).thenCompose(next -> next);
        }
        AccessToken current = get(key);
        if (current != null && reusable.test(current)) {
            flights.remove(key, outcome);
            outcome.complete(new Claim.Found(current));
            return CompletableFuture.completedFuture(new Claim.Found(current));
        }
        return CompletableFuture.completedFuture(new Claim.Won(new LocalLease(key, current, outcome)));
    }

    /** The flight of this JVM: it ends before its waiters hear of it, so that a retry at once is a new flight. */
    private final class LocalLease implements Lease {
        private final TokenKey key;
        private final AccessToken current;
        private final CompletableFuture<Claim> outcome;
        private final AtomicBoolean ended = new AtomicBoolean();

        LocalLease(TokenKey key, AccessToken current, CompletableFuture<Claim> outcome) {
            this.key = key;
            this.current = current;
            this.outcome = outcome;
        }

        @Override
        public AccessToken current() {
            return current;
        }

        @Override
        public void succeed(AccessToken token) {
            end();
            tokens.put(key, token);
            flights.remove(key, outcome);
            outcome.complete(new Claim.Found(token));
            publish(key, new StoreEvent.Stored(token.fingerprint()));
        }

        @Override
        public void fail(FailureState state) {
            end();
            flights.remove(key, outcome);
            outcome.complete(new Claim.Failed(state));
            publish(key, new StoreEvent.Failed(state));
        }

        @Override
        public void release() {
            end();
            flights.remove(key, outcome);
            outcome.completeExceptionally(new CompletionException("released", null));
        }

        private void end() {
            if (!ended.compareAndSet(false, true)) {
                throw new IllegalStateException("The lease of " + key + " has ended already");
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
        subscribers.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> subscribers.computeIfPresent(key, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    private void publish(TokenKey key, StoreEvent event) {
        List<Consumer<StoreEvent>> list = subscribers.get(key);
        if (list != null) {
            list.forEach(listener -> listener.accept(event));
        }
    }

    /** How many tokens are held: for tests and statistics. */
    public int size() {
        return tokens.size();
    }
}
