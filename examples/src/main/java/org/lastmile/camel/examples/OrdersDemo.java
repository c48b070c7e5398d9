package org.lastmile.camel.examples;

import java.time.Duration;
import java.util.List;

import org.apache.camel.main.Main;
import org.lastmile.camel.simulators.SimulatorServer;

/**
 * The demo: a vendor sandbox on loopback, and many threads calling its API through {@code vendorauth:}. It prints how many
 * API calls were made and how many tokens the vendor had to issue for them.
 */
public final class OrdersDemo {

    /** What one run saw. */
    public record Result(int apiCalls, int failedCalls, int tokenCalls, Duration tokenLifetime, Duration ran) {
    }

    /** The {@code refresh-margin} in application.properties. */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(2);

    private OrdersDemo() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Starting a vendor sandbox and the application (an embedded Hazelcast member), then 8 threads"
                + " call the API for 12 s: about 20 s in all...");
        Result result = run(8, Duration.ofSeconds(12), Duration.ofSeconds(4));
        System.out.printf("%n%d API calls from 8 threads in %d s, %d failed.%n", result.apiCalls(),
                result.ran().toSeconds(), result.failedCalls());
        System.out.printf("Measured: the vendor issued %d tokens of %d s each.%n", result.tokenCalls(),
                result.tokenLifetime().toSeconds());
        System.out.println(RefreshForecast.of(result.tokenLifetime(), REFRESH_MARGIN).describe(result.ran()));
        System.out.printf("Fetching a token per call would have meant %d token calls.%n", result.apiCalls());
    }

    /**
     * Runs the demo.
     *
     * @param threads       how many threads call the API at once
     * @param duration      for how long
     * @param tokenLifetime how long the sandbox's tokens live
     */
    public static Result run(int threads, Duration duration, Duration tokenLifetime) throws Exception {
        try (SimulatorServer sandbox = Sandbox.start(tokenLifetime)) {
            Main main = new Main();
            main.addInitialProperty("sandbox.url", sandbox.baseUrl());
            // one JVM: its own embedded cluster, which no other run on this machine joins
            main.addInitialProperty("camel.component.vendorauth.cluster-name", "orders-demo-" + ProcessHandle.current().pid());
            main.configure().addRoutesBuilder(new OrdersRoutes());
            main.start();
            try {
                CallLoop.Counts counts = CallLoop.run(main.getCamelTemplate(), List.of("direct:orders"), threads, duration);
                return new Result(counts.calls()[0], counts.failed()[0], sandbox.vendor("oauth2").tokenCalls(),
                        tokenLifetime, duration);
            } finally {
                main.stop();
            }
        }
    }
}
