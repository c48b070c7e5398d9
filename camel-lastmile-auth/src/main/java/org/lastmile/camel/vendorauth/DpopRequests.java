package org.lastmile.camel.vendorauth;

import java.net.URI;
import java.time.Clock;

import org.lastmile.camel.vendorauth.internal.oauth.DpopBindings;
import org.lastmile.camel.vendorauth.internal.oauth.DpopNonces;
import org.lastmile.camel.vendorauth.internal.oauth.DpopProofs;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.DpopKey;

/**
 * What a component knows to sign API requests with DPoP: which key each token it handed out is bound to, and each API
 * server's latest nonce. Shared by the producer (a proof when the exchange is enriched), {@link VendorAuthRetry} (the
 * nonce of a challenge) and {@link VendorAuthDpopSigner} (a proof when camel-http sends).
 */
final class DpopRequests {

    private final Clock clock;
    private final DpopBindings bindings;
    private final DpopNonces nonces = new DpopNonces();

    DpopRequests(Clock clock) {
        this.clock = clock;
        this.bindings = new DpopBindings(clock);
    }

    /** The {@code Authorization} value of {@code token}: {@code DPoP} for a bound token, remembered for the send-time signer. */
    String authorization(AccessToken token) {
        bindings.bind(token);
        return "DPoP " + token.value();
    }

    /** A proof for a request to {@code uri} carrying {@code token}, with the server's latest nonce. */
    String proof(DpopKey key, String method, URI uri, String token) {
        return DpopProofs.proof(key, method, uri, token, nonces.nonceFor(uri), clock.instant());
    }

    /** The key the token of that text is bound to, if this component handed it out; else {@code null}. */
    DpopKey keyFor(String token) {
        return bindings.keyFor(token);
    }

    /** Remembers the nonce {@code uri}'s server sent; whether it was one. */
    boolean rememberNonce(URI uri, String nonce) {
        return nonces.remember(uri, nonce);
    }
}
