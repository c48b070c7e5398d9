package org.lastmile.camel.vendorauth.internal.oauth;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.DpopKey;

/**
 * Which key each DPoP-bound token this JVM handed out is bound to, found by the token's hash ({@code ath}), so that a
 * request signed at send time (camel-http's client, after the exchange left the route) is signed by the right key: the
 * HTTP client sees only the {@code Authorization} header. Holds no token text; an entry leaves when its token expires, and
 * at most {@link #MAX_BINDINGS} are kept.
 */
public final class DpopBindings {

    /** Bindings kept at most: one per credential in use, and a few for tokens being replaced. */
    static final int MAX_BINDINGS = 20_000;

    private record Binding(DpopKey key, long expiresAt) {
    }

    private final Map<String, Binding> byHash = new ConcurrentHashMap<>();
    private final Clock clock;

    public DpopBindings(Clock clock) {
        this.clock = clock;
    }

    /** Remembers the key of a bound token; a bearer token is ignored. */
    public void bind(AccessToken token) {
        if (token.dpopKey() == null) {
            return;
        }
        String hash = DpopProofs.ath(token.value());
        if (byHash.containsKey(hash)) {
            return;
        }
        if (byHash.size() >= MAX_BINDINGS) {
            long now = clock.millis();
            byHash.values().removeIf(binding -> binding.expiresAt() <= now);
            if (byHash.size() >= MAX_BINDINGS) {
                // still full of live tokens: forget an arbitrary one rather than grow; its next exchange binds it again
                byHash.keySet().stream().findAny().ifPresent(byHash::remove);
            }
        }
        byHash.put(hash, new Binding(token.dpopKey(), token.expiresAt().toEpochMilli()));
    }

    /** The key the token of that text is bound to, or {@code null} when it is none this JVM handed out. */
    public DpopKey keyFor(String tokenValue) {
        Binding binding = byHash.get(DpopProofs.ath(tokenValue));
        return binding == null || binding.expiresAt() <= clock.millis() ? null : binding.key();
    }
}
