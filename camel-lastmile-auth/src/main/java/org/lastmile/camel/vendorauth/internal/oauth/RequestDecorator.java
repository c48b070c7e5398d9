package org.lastmile.camel.vendorauth.internal.oauth;

/**
 * Adds what it must to a token request before it is sent: client authentication ({@link ClientAuthenticator}), and any
 * proof a vendor asks for. One implementation per method, so that adding a method is one class.
 */
@FunctionalInterface
public interface RequestDecorator {

    /** Adds headers, parameters and secrets to the request. */
    void decorate(TokenRequest request);
}
