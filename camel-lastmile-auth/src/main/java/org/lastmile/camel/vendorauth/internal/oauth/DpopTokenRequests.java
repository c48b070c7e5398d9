package org.lastmile.camel.vendorauth.internal.oauth;

import java.net.URI;
import java.time.Instant;

import org.lastmile.camel.vendorauth.internal.profile.DpopPolicy;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.DpopKey;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;

/**
 * DPoP at the token endpoint (RFC 9449 §5, §8): a proof on each token request with the server's latest nonce, one more
 * try when the server answers {@code use_dpop_nonce}, and the answer checked to be a token bound to the key.
 */
final class DpopTokenRequests {

    private final DpopNonces nonces = new DpopNonces();

    /** A proof for a token request to {@code url}, with that server's latest nonce. */
    String proof(DpopKey key, URI url, Instant now) {
        return DpopProofs.proof(key, "POST", url, null, nonces.nonceFor(url), now);
    }

    /** Remembers the {@code DPoP-Nonce} a token endpoint answered (with a token or an error). */
    void answered(URI url, String nonce) {
        nonces.remember(url, nonce);
    }

    /** Whether the failure asks for a proof with the server's nonce, and a nonce to put in it is known. */
    boolean asksForNonce(TokenEndpointException failure, URI url) {
        return DpopProofs.USE_DPOP_NONCE.equals(failure.getError()) && nonces.nonceFor(url) != null;
    }

    /**
     * The token, bound to {@code key}: a DPoP token as RFC 9449 §5 answers it. A {@code Bearer} answer means the server
     * did not bind the token; it is refused unless the credential allows it, and then kept as a bearer token.
     *
     * @throws TokenEndpointException when the server answered another token type
     */
    static AccessToken bind(AccessToken token, DpopKey key, DpopPolicy policy, String profile) {
        if ("DPoP".equalsIgnoreCase(token.type())) {
            return token.boundTo(key);
        }
        if (policy.allowBearer() && "Bearer".equalsIgnoreCase(token.type())) {
            return token;
        }
        throw new TokenEndpointException(profile, 200, "invalid_token_type", "the token endpoint answered token_type "
                + token.type() + " to a DPoP request, so the token is not bound to the key; the vendor may not support"
                + " DPoP for this client. Set dpopAllowBearer=true to accept bearer tokens from it", null, null);
    }
}
