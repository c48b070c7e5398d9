package org.lastmile.camel.examples;

import org.apache.camel.builder.RouteBuilder;

/**
 * Calls a vendor's orders API with a token put on by {@code vendorauth:}. The credential comes from
 * {@code application.properties} (camel.component.vendorauth.*), so the route names only the profile.
 */
public class OrdersRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:orders").routeId("orders")
                .to("vendorauth:oauth2")
                .to("{{sandbox.url}}/oauth2/api/orders")
                .convertBodyTo(String.class);
    }
}
