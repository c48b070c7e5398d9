package org.lastmile.camel.vendorauth.internal.oauth;

import org.lastmile.camel.vendorauth.spi.DpopKey;

/**
 * The DPoP proof of a token request (RFC 9449 §5): a {@link RequestDecorator} beside client authentication, signing
 * {@code POST} to the request's URL at the request's time, with the server's latest nonce.
 *
 * @param key    the key the token is to be bound to
 * @param nonces the token endpoints' nonces
 */
record DpopProof(DpopKey key, DpopTokenRequests nonces) implements RequestDecorator {

    @Override
    public void decorate(TokenRequest request) {
        request.header(DpopProofs.HEADER, nonces.proof(key, request.url(), request.now()));
    }
}
