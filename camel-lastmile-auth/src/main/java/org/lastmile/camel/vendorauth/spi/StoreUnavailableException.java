package org.lastmile.camel.vendorauth.spi;

/**
 * The store itself did not answer in time or answered with an error of its own: the cluster, not the vendor, is in
 * trouble. Callers fall back to a store of their own reach for a while; this is never reported as a token endpoint failure.
 */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what did not answer, free of secrets
     * @param cause   the store's own failure, or {@code null}
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
