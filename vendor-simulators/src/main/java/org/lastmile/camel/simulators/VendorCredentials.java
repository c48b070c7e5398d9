package org.lastmile.camel.simulators;

/**
 * The one set of credentials a simulated vendor accepts.
 *
 * @param clientId     the client id
 * @param clientSecret the client secret
 * @param username     the API user of password-grant vendors, or {@code null} where the account has none
 * @param password     that user's password, or {@code null}
 * @param tenantId     the merchant code (Shopgate), or {@code null}
 */
public record VendorCredentials(String clientId, String clientSecret, String username, String password, String tenantId) {

    /** A client with no user and no tenant. */
    public static VendorCredentials client(String clientId, String clientSecret) {
        return new VendorCredentials(clientId, clientSecret, null, null, null);
    }

    /** Whether the account has an API user, for vendors that grant by password. */
    public boolean hasUser() {
        return username != null;
    }

    @Override
    public String toString() {
        return "VendorCredentials[clientId=" + clientId + ", username=" + username + ", tenantId=" + tenantId + "]";
    }
}
