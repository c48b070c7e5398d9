package org.lastmile.camel.vendorauth.internal.policy;

/**
 * How long a credential has gone unused, told from a count of uses that only grows (the statistics the hot path keeps
 * anyway), so that watching for idleness adds nothing to the hot path. Read by one sweeping thread at a time.
 */
final class IdleWatch {

    private long usesSeen;
    private long unusedSince;

    IdleWatch(long now) {
        this.unusedSince = now;
    }

    /** Milliseconds since the count last changed, as far as the checks can tell; 0 when it changed since the last one. */
    synchronized long unusedFor(long uses, long now) {
        if (uses != usesSeen) {
            usesSeen = uses;
            unusedSince = now;
        }
        return now - unusedSince;
    }
}
