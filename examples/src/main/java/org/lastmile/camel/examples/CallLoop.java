package org.lastmile.camel.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.camel.ProducerTemplate;

/** Sends exchanges to a few endpoints in turn, from several threads, for a while, and counts the calls and failures. */
final class CallLoop {

    /** Calls and failed calls per endpoint, in the order the endpoints were given. */
    record Counts(int[] calls, int[] failed) {
    }

    private CallLoop() {
    }

    static Counts run(ProducerTemplate template, List<String> endpoints, int threads, Duration duration) {
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            long end = System.nanoTime() + duration.toNanos();
            List<CompletableFuture<Counts>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(CompletableFuture.supplyAsync(() -> {
                    Counts mine = new Counts(new int[endpoints.size()], new int[endpoints.size()]);
                    while (System.nanoTime() < end) {
                        for (int e = 0; e < endpoints.size(); e++) {
                            mine.calls()[e]++;
                            if (template.request(endpoints.get(e), exchange -> { }).getException() != null) {
                                mine.failed()[e]++;
                            }
                        }
                    }
                    return mine;
                }, callers));
            }
            Counts total = new Counts(new int[endpoints.size()], new int[endpoints.size()]);
            for (CompletableFuture<Counts> worker : workers) {
                Counts counts = worker.join();
                for (int e = 0; e < endpoints.size(); e++) {
                    total.calls()[e] += counts.calls()[e];
                    total.failed()[e] += counts.failed()[e];
                }
            }
            return total;
        } finally {
            callers.shutdownNow();
        }
    }
}
