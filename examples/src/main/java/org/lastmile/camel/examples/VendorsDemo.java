package org.lastmile.camel.examples;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.main.Main;
import org.lastmile.camel.simulators.SimulatorServer;

/** Calls each vendor's API through its own profile, from several threads, and prints what each vendor saw. */
public final class VendorsDemo {

    /** The vendors, in the order they are shown. */
    public static final List<String> VENDORS = List.of("woop", "winkelstraat", "dataloy", "shopgate");

    /** What one vendor saw in a run. */
    public record VendorResult(int apiCalls, int failedCalls, int tokenCalls) {
    }

    private VendorsDemo() {
    }

    public static void main(String[] args) throws Exception {
        Duration lifetime = Duration.ofSeconds(4);
        System.out.println("Starting the sandbox and one route per vendor, then 4 threads call each vendor's API for 8 s:"
                + " about 15 s in all...");
        Duration ran = Duration.ofSeconds(8);
        Map<String, VendorResult> results = run(4, ran, lifetime);
        System.out.printf("%n%-14s %10s %8s %12s%n", "vendor", "API calls", "failed", "token calls");
        results.forEach((vendor, result) -> System.out.printf("%-14s %10d %8d %12d%n", vendor, result.apiCalls(),
                result.failedCalls(), result.tokenCalls()));
        System.out.printf("Sandbox tokens live %d s; each profile reads the lifetime the way its vendor's page says.%n",
                lifetime.toSeconds());
        System.out.println(RefreshForecast.of(lifetime, OrdersDemo.REFRESH_MARGIN).describe(ran));
    }

    /**
     * Runs every vendor's route from {@code threads} threads for {@code duration}.
     *
     * @param lifetime how long the sandbox's tokens live
     */
    public static Map<String, VendorResult> run(int threads, Duration duration, Duration lifetime) throws Exception {
        try (SimulatorServer sandbox = Sandbox.start(lifetime)) {
            Main main = new Main();
            main.setDefaultPropertyPlaceholderLocation("classpath:vendors.properties");
            main.addInitialProperty("sandbox.url", sandbox.baseUrl());
            main.addInitialProperty("camel.component.vendorauth.refresh-margin",
                    OrdersDemo.REFRESH_MARGIN.toSeconds() + "s");
            // one JVM: its own embedded cluster, which no other run on this machine joins
            main.addInitialProperty("camel.component.vendorauth.cluster-name", "vendors-demo-" + ProcessHandle.current().pid());
            main.configure().addRoutesBuilder(new VendorRoutes());
            main.start();
            try {
                CallLoop.Counts counts = CallLoop.run(main.getCamelTemplate(),
                        VENDORS.stream().map(vendor -> "direct:" + vendor).toList(), threads, duration);
                Map<String, VendorResult> results = new LinkedHashMap<>();
                for (int v = 0; v < VENDORS.size(); v++) {
                    String vendor = VENDORS.get(v);
                    results.put(vendor, new VendorResult(counts.calls()[v], counts.failed()[v],
                            sandbox.vendor(vendor).tokenCalls()));
                }
                return results;
            } finally {
                main.stop();
            }
        }
    }
}
