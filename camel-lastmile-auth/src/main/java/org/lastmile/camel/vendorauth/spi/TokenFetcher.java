package org.lastmile.camel.vendorauth.spi;


/** The work of one flight: obtain a new token from the vendor. */
@FunctionalInterface
public interface TokenFetcher {

    /**
     * Fetches a new token.
     *
     * @param current the token the store holds now (its refresh token may be used), or {@code null}
     * @return the new token, never {@code null}
     */
    AccessToken fetch(AccessToken current);
}
