package org.lastmile.camel.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.lastmile.camel.examples.sandbox.SandboxCredentials;
import org.lastmile.camel.examples.sandbox.SandboxServer;

/**
 * The demo: a vendor sandbox on loopback, and many threads calling its API through {@code vendorauth:}. It prints how many
 * API calls were made and how many tokens the vendor had to issue for them.
 */
public final class OrdersDemo {

    /** What one run saw. */
    public record Result(int apiCalls, int failedCalls, int tokenCalls, Duration tokenLifetime, Duration ran) {
    }

    private OrdersDemo() {
    }

    public static void main(String[] args) throws Exception {
        Result result = run(8, Duration.ofSeconds(12), Duration.ofSeconds(4));
        System.out.printf("%n%d API calls from 8 threads in %d s, %d failed.%n", result.apiCalls(),
                result.ran().toSeconds(), result.failedCalls());
        System.out.printf("The vendor issued %d tokens: each lives %d s and is renewed 2 s before it expires.%n",
                result.tokenCalls(), result.tokenLifetime().toSeconds());
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
        try (SandboxServer sandbox = SandboxServer.withAllVendors(SandboxCredentials.DEMO, tokenLifetime)) {
            Main main = new Main();
            main.addInitialProperty("sandbox.url", sandbox.baseUrl());
            main.configure().addRoutesBuilder(new OrdersRoutes());
            main.start();
            ExecutorService callers = Executors.newFixedThreadPool(threads);
            try {
                ProducerTemplate template = main.getCamelTemplate();
                long end = System.nanoTime() + duration.toNanos();
                List<CompletableFuture<int[]>> workers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    workers.add(CompletableFuture.supplyAsync(() -> {
                        int calls = 0;
                        int failed = 0;
                        while (System.nanoTime() < end) {
                            calls++;
                            if (template.request("direct:orders", exchange -> { }).getException() != null) {
                                failed++;
                            }
                        }
                        return new int[] { calls, failed };
                    }, callers));
                }
                int calls = 0;
                int failed = 0;
                for (CompletableFuture<int[]> worker : workers) {
                    int[] counts = worker.join();
                    calls += counts[0];
                    failed += counts[1];
                }
                return new Result(calls, failed, sandbox.tokenCalls("oauth2"), tokenLifetime, duration);
            } finally {
                callers.shutdownNow();
                main.stop();
            }
        }
    }
}
