package org.lastmile.camel.vendorauth.test;

import java.util.function.BooleanSupplier;

/** Waits, within a generous bound, for something that happens on another thread. Asserts no time, only the outcome. */
public final class Eventually {

    private Eventually() {
    }

    public static void eventually(String what, BooleanSupplier condition) {
        long giveUpAt = System.nanoTime() + 20_000_000_000L;
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
