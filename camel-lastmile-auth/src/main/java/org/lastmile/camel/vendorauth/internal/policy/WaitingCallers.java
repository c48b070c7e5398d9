package org.lastmile.camel.vendorauth.internal.policy;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import org.lastmile.camel.vendorauth.spi.TokenKey;

/**
 * The callers of one credential that wait for a flight, so that a stopping context answers each of them at once, whoever
 * fetches and whichever store: a flight on another member may outlive this JVM's context.
 */
final class WaitingCallers {

    private final TokenKey key;
    private final Set<CompletableFuture<LocalToken>> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    WaitingCallers(TokenKey key) {
        this.key = key;
    }

    /** Keeps the caller's future until it completes; fails it at once when already stopped. */
    CompletableFuture<LocalToken> track(CompletableFuture<LocalToken> caller) {
        if (!caller.isDone()) {
            waiting.add(caller);
            caller.whenComplete((token, failure) -> waiting.remove(caller));
            if (stopped) {
                caller.completeExceptionally(stopping());
            }
        }
        return caller;
    }

    /** Answers every waiting caller, and every later one, with an exception that names the shutdown. */
    void stop() {
        stopped = true;
        waiting.forEach(caller -> caller.completeExceptionally(stopping()));
    }

    boolean stopped() {
        return stopped;
    }

    boolean none() {
        return waiting.isEmpty();
    }

    RejectedExecutionException stopping() {
        return new RejectedExecutionException("vendorauth is shutting down: no token for " + key
                + " will come to this exchange");
    }
}
