package org.lastmile.camel.vendorauth.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * Threads that send exchanges to applications' {@code direct:api} until a deadline, each exchange waited for, counting
 * what was sent and what failed. Closing it stops the threads.
 */
public final class ApiLoad implements AutoCloseable {

    private final ExecutorService callers;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong longestMillis = new AtomicLong();

    /** @param threads how many threads may send at once, over every {@link #run} */
    public ApiLoad(int threads) {
        callers = Executors.newFixedThreadPool(threads);
    }

    /** {@code threads} threads sending to {@code application} until {@code endNanos} ({@link System#nanoTime()}). */
    public CompletableFuture<Void> run(CamelContext application, int threads, long endNanos) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ProducerTemplate template = application.createProducerTemplate();
            running.add(CompletableFuture.runAsync(() -> {
                while (System.nanoTime() < endNanos) {
                    sent.incrementAndGet();
                    long started = System.nanoTime();
                    boolean ok = template.request("direct:api", exchange -> { }).getException() == null;
                    longestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math::max);
                    if (!ok) {
                        failed.incrementAndGet();
                    }
                }
            }, callers));
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
    }

    /** Exchanges sent so far. */
    public AtomicInteger sent() {
        return sent;
    }

    /** Exchanges that failed so far. */
    public AtomicInteger failed() {
        return failed;
    }

    /** The longest an exchange took so far, in milliseconds. */
    public AtomicLong longestMillis() {
        return longestMillis;
    }

    @Override
    public void close() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
