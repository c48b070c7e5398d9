package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.lastmile.camel.vendorauth.spi.StoreUnavailableException;

/**
 * Hazelcast calls bounded in time, on threads of their own: a call to a partition owned by a frozen member would
 * otherwise hold its caller for Hazelcast's own invocation timeout (a minute). A call that does not answer within the
 * timeout, or fails with an error of Hazelcast's, ends in a {@link StoreUnavailableException}: the cluster is in trouble,
 * never the vendor. Also the timer that the store's waiters and leases run on.
 */
final class HazelcastCalls implements AutoCloseable {

    private final Duration timeout;
    private final ExecutorService io = Executors.newCachedThreadPool(daemon("vendorauth-hazelcast-io"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            daemon("vendorauth-hazelcast-timer"));

    /** @param timeout the longest one call may take */
    HazelcastCalls(Duration timeout) {
        this.timeout = timeout;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Runs one call, waiting at most the timeout. */
    <T> T call(String what, Callable<T> operation) {
        Future<T> future;
        try {
            future = io.submit(operation);
        } catch (RuntimeException rejected) {
            throw new StoreUnavailableException("Hazelcast store closed while " + what, rejected);
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StoreUnavailableException("Hazelcast did not answer within " + timeout.toMillis() + " ms while "
                    + what, e);
        } catch (ExecutionException e) {
            throw new StoreUnavailableException("Hazelcast failed while " + what + ": "
                    + e.getCause().getClass().getSimpleName(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new StoreUnavailableException("Interrupted while " + what, e);
        }
    }

    /** Runs a call without waiting for it, for clean-up whose outcome changes nothing. */
    void fireAndForget(Runnable operation) {
        try {
            io.execute(() -> {
                try {
                    operation.run();
                } catch (RuntimeException ignored) {
                    // best effort: what it would have removed ends with its own expiry
                }
            });
        } catch (RuntimeException closed) {
            // the store is closing
        }
    }

    /** Runs {@code task} after {@code delayMillis} on the store's timer; nothing when the store is closed. */
    void schedule(Runnable task, long delayMillis) {
        try {
            timer.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RuntimeException closed) {
            // the store is closing
        }
    }

    /** Runs {@code task} on an I/O thread every {@code periodMillis}, until the store closes. */
    void every(long periodMillis, Runnable task) {
        try {
            timer.scheduleWithFixedDelay(() -> fireAndForget(task), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException closed) {
            // the store is closing
        }
    }

    /**
     * Runs {@code task} now on an I/O thread: work that makes bounded calls itself must not hold the timer.
     *
     * @throws StoreUnavailableException when the store is closed
     */
    void execute(Runnable task) {
        try {
            io.execute(task);
        } catch (RuntimeException closed) {
            throw new StoreUnavailableException("Hazelcast store closed", closed);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        io.shutdownNow();
    }
}
