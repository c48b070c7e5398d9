package org.lastmile.camel.examples;

import org.apache.camel.builder.RouteBuilder;
import org.lastmile.camel.vendorauth.VendorAuthRetry;

/**
 * One route per vendor: a token in that vendor's dialect, then a call to its API, retried once with a fresh token should
 * the API refuse the token. Credentials and URLs come from {@code vendors.properties}; against the real vendors, drop the
 * {@code tokenUrl} overrides (the profiles know each environment's URL) and point the API calls at the vendor.
 */
public class VendorRoutes extends RouteBuilder {

    @Override
    public void configure() {
        VendorAuthRetry.retryOnceWhenUnauthorized(this);

        // Woop: client_credentials, form body, audience fixed by the profile; expires_in in milliseconds
        from("direct:woop").routeId("woop")
                .to("vendorauth:woop?environment=staging&tokenUrl={{woop.token-url}}"
                        + "&clientId={{woop.client-id}}&clientSecret={{woop.client-secret}}")
                .to("{{woop.api-url}}/api")
                .convertBodyTo(String.class);

        // Winkelstraat: raw Basic client authentication, JSON body, password grant, refresh tokens
        from("direct:winkelstraat").routeId("winkelstraat")
                .to("vendorauth:winkelstraat?tokenUrl={{winkelstraat.token-url}}"
                        + "&clientId={{winkelstraat.client-id}}&clientSecret={{winkelstraat.client-secret}}"
                        + "&username={{winkelstraat.username}}&password={{winkelstraat.password}}")
                .to("{{winkelstraat.api-url}}/api/rest/v1/products")
                .convertBodyTo(String.class);

        // Dataloy: the token URL is handed out per customer; JSON body; the dev environment's audience
        from("direct:dataloy").routeId("dataloy")
                .to("vendorauth:dataloy?environment=dev&tokenUrl={{dataloy.token-url}}"
                        + "&clientId={{dataloy.client-id}}&clientSecret={{dataloy.client-secret}}")
                .to("{{dataloy.api-url}}/ws/rest/Cargo")
                .convertBodyTo(String.class);

        // Shopgate: password grant for a merchant, refreshed without client authentication
        from("direct:shopgate").routeId("shopgate")
                .to("vendorauth:shopgate?environment=staging&tokenUrl={{shopgate.token-url}}"
                        + "&clientId={{shopgate.client-id}}&clientSecret={{shopgate.client-secret}}"
                        + "&username={{shopgate.username}}&password={{shopgate.password}}"
                        + "&tenantId={{shopgate.merchant-code}}")
                .to("{{shopgate.api-url}}/api/orders")
                .convertBodyTo(String.class);
    }
}
