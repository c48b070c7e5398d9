package org.lastmile.camel.vendorauth.spi;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One flight per key: the first caller starts the work, everyone who comes while it runs joins it. A flight leaves the
 * map before its callers hear of its end, so that a caller who tries again at once starts a new flight rather than
 * joining the one that just failed. Each caller gets a copy of the result: one cancelling does not cancel the others.
 *
 * @param <K> the key
 * @param <V> the result
 */
public final class SingleFlight<K, V> {

    private final Map<K, CompletableFuture<V>> flights = new ConcurrentHashMap<>();

    /**
     * Joins the key's running flight, or starts one with {@code work}.
     *
     * @param work starts the work and returns its future; called at most once per flight, by the caller who starts it
     */
    public CompletableFuture<V> join(K key, Supplier<CompletableFuture<V>> work) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            return running.copy();
        }
        CompletableFuture<V> started;
        try {
            started = work.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((value, failure) -> {
            flights.remove(key, mine);
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(value);
            }
        });
        return mine.copy();
    }

    /** Whether a flight for the key is running. */
    public boolean running(K key) {
        return flights.containsKey(key);
    }

    /** How many flights are running. */
    public int size() {
        return flights.size();
    }
}
