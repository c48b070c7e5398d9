package org.lastmile.camel.examples.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.lastmile.camel.vendorauth.VendorAuthRetry;
import org.springframework.stereotype.Component;

/**
 * {@code direct:orders}: the vendor's order list, fetched with a token of the credential configured under
 * {@code camel.component.vendorauth.*}. A call the API refuses with 401 is retried once with a fresh token.
 */
@Component
public class OrdersRoute extends RouteBuilder {

    @Override
    public void configure() {
        VendorAuthRetry.retryOnceWhenUnauthorized(this);
        from("direct:orders").routeId("orders")
                .to("vendorauth:oauth2")
                .to("{{vendor.api-url}}/orders")
                .convertBodyTo(String.class);
    }
}
