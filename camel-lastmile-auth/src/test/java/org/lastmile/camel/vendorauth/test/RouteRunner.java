package org.lastmile.camel.vendorauth.test;

import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;

/**
 * A started CamelContext with the vendorauth component on an in-memory store and one route, {@code direct:api}, to the
 * endpoint given: for tests of what one endpoint sends and gets. Closing it stops the context.
 */
public final class RouteRunner implements AutoCloseable {

    private final CamelContext camel = new DefaultCamelContext();

    /**
     * @param endpointUri the vendorauth endpoint the route calls
     * @param setup       binds beans or configures the component and context before the route is added
     */
    public RouteRunner(String endpointUri, Consumer<RouteRunner> setup) throws Exception {
        VendorAuthComponent component = new VendorAuthComponent();
        component.setTokenStore(new InMemoryTokenStore());
        camel.addComponent("vendorauth", component);
        setup.accept(this);
        camel.addRoutes(CamelApplications.apiRoute(endpointUri));
        camel.start();
    }

    public CamelContext camel() {
        return camel;
    }

    public VendorAuthComponent component() {
        return camel.getComponent("vendorauth", VendorAuthComponent.class);
    }

    /** Sends one exchange through the route; the exchange tells the header set or the failure. */
    public Exchange enrich() {
        return camel.createProducerTemplate().request("direct:api", exchange -> { });
    }

    /** Sends one exchange carrying this header to another vendorauth endpoint (such as operation=invalidate). */
    public Exchange send(String uri, String authorization) {
        return camel.createProducerTemplate().request(uri, exchange -> exchange.getMessage()
                .setHeader("Authorization", authorization));
    }

    @Override
    public void close() {
        camel.stop();
    }
}
