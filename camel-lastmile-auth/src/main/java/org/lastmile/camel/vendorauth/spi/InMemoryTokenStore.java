package org.lastmile.camel.vendorauth.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
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
    private final Map<TokenKey, CompletableFuture<AccessToken>> flights = new ConcurrentHashMap<>();
    private final Map<TokenKey, List<Consumer<String>>> watchers = new ConcurrentHashMap<>();
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
    public CompletableFuture<AccessToken> fetch(TokenKey key, Predicate<AccessToken> reusable, TokenFetcher fetcher,
                                                Executor executor) {
        sweepExpired();
        CompletableFuture<AccessToken> mine = new CompletableFuture<>();
        CompletableFuture<AccessToken> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        try {
            executor.execute(() -> fly(key, reusable, fetcher, mine));
        } catch (RuntimeException rejected) {
            flights.remove(key, mine);
            mine.completeExceptionally(rejected);
        }
        return mine;
    }

    private void fly(TokenKey key, Predicate<AccessToken> reusable, TokenFetcher fetcher,
                     CompletableFuture<AccessToken> flight) {
        try {
            AccessToken current = get(key);
            if (current != null && reusable.test(current)) {
                flight.complete(current);
                return;
            }
            AccessToken fresh = fetcher.fetch(current);
            tokens.put(key, fresh);
            flights.remove(key, flight);
            flight.complete(fresh);
        } catch (Throwable failure) {
            // ended before its callers hear of it, so that a retry they start at once is a new flight, not this failed one
            flights.remove(key, flight);
            flight.completeExceptionally(failure);
        } finally {
            flights.remove(key, flight);
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
            notifyWatchers(key, current.fingerprint());
            return true;
        }
        return false;
    }

    @Override
    public AutoCloseable onInvalidated(TokenKey key, Consumer<String> listener) {
        watchers.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> watchers.computeIfPresent(key, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    private void notifyWatchers(TokenKey key, String fingerprint) {
        List<Consumer<String>> list = watchers.get(key);
        if (list != null) {
            list.forEach(listener -> listener.accept(fingerprint));
        }
    }

    /** How many tokens are held: for tests and statistics. */
    public int size() {
        return tokens.size();
    }
}
