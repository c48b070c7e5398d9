package org.lastmile.camel.examples;

import java.time.Duration;
import java.util.List;

import org.apache.camel.main.Main;
import org.lastmile.camel.vendorauth.VendorAuthEndpoint;

/**
 * One member of the cluster demo: the orders application (the same routes and properties as {@link OrdersDemo}), with its
 * embedded Hazelcast member joining the others on loopback. It calls the API for a while and prints one line:
 * {@code MEMBER <n> calls=<calls> failed=<failed> fetched=<token requests it made> shared=<tokens it took from the cluster>}.
 *
 * <p>
 * Arguments: member number, sandbox URL, cluster name, seconds to run.
 */
public final class ClusterMember {

    private ClusterMember() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.addInitialProperty("sandbox.url", args[1]);
        main.addInitialProperty("camel.component.vendorauth.cluster-name", args[2]);
        main.configure().addRoutesBuilder(new OrdersRoutes());
        main.start();
        try {
            CallLoop.Counts counts = CallLoop.run(main.getCamelTemplate(), List.of("direct:orders"), 4,
                    Duration.ofSeconds(Long.parseLong(args[3])));
            VendorAuthEndpoint endpoint = main.getCamelContext().getEndpoints().stream()
                    .filter(VendorAuthEndpoint.class::isInstance).map(VendorAuthEndpoint.class::cast).findFirst()
                    .orElseThrow();
            System.out.printf("MEMBER %s calls=%d failed=%d fetched=%d shared=%d%n", args[0], counts.calls()[0],
                    counts.failed()[0], endpoint.getFetches() + endpoint.getRefreshes(), endpoint.getStoreHits());
        } finally {
            main.stop();
        }
    }
}
