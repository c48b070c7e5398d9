package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.lastmile.camel.vendorauth.spi.AccessToken;

/**
 * This JVM's copy of one credential's token: what the hot path reads. It keeps the token that expires last, never takes
 * back a token that was refused here, and drops its copy only when told which token to drop. It also remembers the last
 * token that came with a refresh token, so that a renewal after the copy was dropped (a 401) still refreshes.
 */
final class CachedToken {

    /** A field of this object rather than an atomic of its own: one object less to reach on the hot path. */
    private static final AtomicReferenceFieldUpdater<CachedToken, LocalToken> LOCAL =
            AtomicReferenceFieldUpdater.newUpdater(CachedToken.class, LocalToken.class, "local");

    private volatile LocalToken local;
    /** The text of the last token refused here: never adopted again, whatever a store or a late event says. */
    private volatile String rejected;
    /** The last token adopted with a refresh token, kept when the copy goes. */
    private volatile AccessToken refreshable;
    /** The refresh token the vendor refused: not offered again. */
    private volatile String refusedRefreshToken;

    /** The copy, or {@code null}: one volatile read. */
    LocalToken get() {
        return local;
    }

    /** The token of the copy, or {@code null}. */
    AccessToken token() {
        LocalToken current = local;
        return current == null ? null : current.token();
    }

    /**
     * The token whose refresh token a renewal may use: the store's, else the copy, else the last one that came with a
     * refresh token (the copy goes on a 401, its refresh token stays good); never with a refresh token the vendor refused.
     *
     * @param stored the token the store holds, or {@code null}
     */
    AccessToken renewalBase(AccessToken stored) {
        AccessToken base = stored != null ? stored : token() != null ? token() : refreshable;
        if (base != null && base.refreshToken() != null && base.refreshToken().equals(refusedRefreshToken)) {
            return new AccessToken(base.value(), base.type(), base.expiresAt(), null, null, base.obtainedAt(),
                    base.dpopKey());
        }
        return base;
    }

    /** The vendor refused that refresh token: a renewal asks with the primary grant instead. */
    void refuseRefreshToken(String refreshToken) {
        refusedRefreshToken = refreshToken;
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
    LocalToken adopt(AccessToken token, RefreshTiming timing, boolean renewable) {
        LocalToken fresh = LocalToken.of(token, timing, renewable);
        if (token.refreshToken() != null) {
            refreshable = token;
        }
        if (token.value().equals(rejected)) {
            LocalToken current = local;
            return current != null ? current : fresh;
        }
        return LOCAL.accumulateAndGet(this, fresh, (current, candidate) -> current == null
                || !current.token().expiresAt().isAfter(candidate.token().expiresAt()) ? candidate : current);
    }

    /** Remembers the token of that text as refused and drops the copy if it is that token. */
    void reject(String accessToken) {
        rejected = accessToken;
        LocalToken current = local;
        if (current != null && current.token().value().equals(accessToken)) {
            LOCAL.compareAndSet(this, current, null);
        }
    }

    /** Whether the token was refused here. */
    boolean rejected(AccessToken token) {
        return token.value().equals(rejected);
    }

    /** Forgets everything: the credential's state leaves this JVM. */
    void clear() {
        local = null;
        refreshable = null;
    }

    /** Drops the copy if it is the token of that fingerprint. */
    void drop(String fingerprint) {
        LocalToken current = local;
        if (current != null && current.token().fingerprint().equals(fingerprint)) {
            LOCAL.compareAndSet(this, current, null);
        }
    }
}
