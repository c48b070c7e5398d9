package com.example.orders;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * An application of one's own: every order sent to {@code direct:orders} goes to the orders API with a bearer token
 * that vendorauth fetched once, keeps and renews. The credential is in {@code application.properties}.
 */
public final class OrdersApplication {

    private OrdersApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addRoutesBuilder(routes());
        main.run(args);
    }

    /** The route, as in the component's README. */
    public static RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:orders")
                        .to("vendorauth:oauth2")
                        .toD("{{orders.api-url}}/orders");
            }
        };
    }
}
