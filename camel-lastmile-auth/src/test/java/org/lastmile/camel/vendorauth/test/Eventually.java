package org.lastmile.camel.vendorauth.test;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, within a generous bound, for something that happens on another thread. Asserts no time, only the outcome. */
public final class Eventually {

    private Eventually() {
    }

    public static void eventually(String what, BooleanSupplier condition) {
        eventually(what, Duration.ofSeconds(20), condition);
    }

    /** The same with a bound of the caller's, for what takes processes or clusters to happen. */
    public static void eventually(String what, Duration bound, BooleanSupplier condition) {
        long giveUpAt = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUpAt) {
                throw new AssertionError("Never happened: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + what, e);
            }
        }
    }
}
