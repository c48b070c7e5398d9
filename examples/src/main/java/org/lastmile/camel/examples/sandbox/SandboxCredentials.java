package org.lastmile.camel.examples.sandbox;

/**
 * The credentials the sandbox accepts, one set for every vendor, as the examples' configuration gives them.
 *
 * @param clientId     the client id
 * @param clientSecret the client secret
 * @param username     the API user (password-grant vendors)
 * @param password     the API user's password
 * @param tenantId     the merchant code (Shopgate)
 */
public record SandboxCredentials(String clientId, String clientSecret, String username, String password, String tenantId) {

    /** The demo's credentials, matching the examples' {@code application.properties} defaults. */
    public static final SandboxCredentials DEMO = new SandboxCredentials("demo-client", "demo-secret", "api@example.com",
            "demo-password", "DEMO-MERCHANT");

    @Override
    public String toString() {
        return "SandboxCredentials[clientId=" + clientId + ", username=" + username + ", tenantId=" + tenantId + "]";
    }
}
