package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.lastmile.camel.vendorauth.spi.AccessToken;

/**
 * This JVM's copy of one credential's token: what the hot path reads. It keeps the token that expires last, never takes
 * back a token that was refused here, and drops its copy only when told which token to drop.
 */
final class CachedToken {

    private final AtomicReference<LocalToken> local = new AtomicReference<>();
    /** The text of the last token refused here: never adopted again, whatever a store or a late event says. */
    private volatile String rejected;

    /** The copy, or {@code null}: one volatile read. */
    LocalToken get() {
        return local.get();
    }

    /** The token of the copy, or {@code null}. */
    AccessToken token() {
        LocalToken current = local.get();
        return current == null ? null : current.token();
    }

    /** When the copy expires, or {@code null} when there is none. */
    Instant expiresAt() {
        AccessToken current = token();
        return current == null ? null : current.expiresAt();
    }

    /**
     * Keeps the token unless the copy expires later or the token was refused here, and answers what callers get: the
     * newer of the two, or the refused token itself when nothing else is at hand.
     */
    LocalToken adopt(AccessToken token, RefreshTiming timing) {
        LocalToken fresh = LocalToken.of(token, timing);
        if (token.value().equals(rejected)) {
            LocalToken current = local.get();
            return current != null ? current : fresh;
        }
        return local.accumulateAndGet(fresh, (current, candidate) -> current == null
                || !current.token().expiresAt().isAfter(candidate.token().expiresAt()) ? candidate : current);
    }

    /** Remembers the token of that text as refused and drops the copy if it is that token. */
    void reject(String accessToken) {
        rejected = accessToken;
        LocalToken current = local.get();
        if (current != null && current.token().value().equals(accessToken)) {
            local.compareAndSet(current, null);
        }
    }

    /** Whether the token was refused here. */
    boolean rejected(AccessToken token) {
        return token.value().equals(rejected);
    }

    /** Drops the copy if it is the token of that fingerprint. */
    void drop(String fingerprint) {
        LocalToken current = local.get();
        if (current != null && current.token().fingerprint().equals(fingerprint)) {
            local.compareAndSet(current, null);
        }
    }
}
