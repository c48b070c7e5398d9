package org.lastmile.camel.vendorauth.internal.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import org.lastmile.camel.vendorauth.spi.TokenKey;

/**
 * The callers of one credential that wait for a flight, so that a stopping context answers each of them at once, whoever
 * fetches and whichever store: a flight on another member may outlive this JVM's context.
 */
final class WaitingCallers {

    private final TokenKey key;
    /** Guarded by this; {@code null} while nobody waits, as is the case for most credentials most of the time. */
    private Set<CompletableFuture<LocalToken>> waiting;
    private volatile boolean stopped;

    WaitingCallers(TokenKey key) {
        this.key = key;
    }

    /** Keeps the caller's future until it completes; fails it at once when already stopped. */
    CompletableFuture<LocalToken> track(CompletableFuture<LocalToken> caller) {
        if (!caller.isDone()) {
            synchronized (this) {
                if (waiting == null) {
                    waiting = new HashSet<>();
                }
                waiting.add(caller);
            }
            caller.whenComplete((token, failure) -> forget(caller));
            if (stopped) {
                caller.completeExceptionally(stopping());
            }
        }
        return caller;
    }

    private synchronized void forget(CompletableFuture<LocalToken> caller) {
        if (waiting != null && waiting.remove(caller) && waiting.isEmpty()) {
            waiting = null;
        }
    }

    /** Answers every waiting caller, and every later one, with an exception that names the shutdown. */
    void stop() {
        stopped = true;
        List<CompletableFuture<LocalToken>> callers;
        synchronized (this) {
            // answered outside the lock: each answer removes its caller from the set
            callers = waiting == null ? List.of() : List.copyOf(waiting);
        }
        callers.forEach(caller -> caller.completeExceptionally(stopping()));
    }

    boolean stopped() {
        return stopped;
    }

    synchronized boolean none() {
        return waiting == null;
    }

    RejectedExecutionException stopping() {
        return new RejectedExecutionException("vendorauth is shutting down: no token for " + key
                + " will come to this exchange");
    }
}
