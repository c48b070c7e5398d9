package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Duration;

/**
 * The component-wide choices of the policy, checked once, with messages that name the option.
 *
 * @param timing                when to refresh and when to stop sending a token
 * @param backoff               how long the vendor is left alone once callers are failed fast
 * @param failFastThreshold     failed fetches in a row from which callers without a usable token are failed fast
 * @param credentialIdleTimeout how long a credential's state stays in this JVM without being used
 * @param maxCredentials        how many credentials one component keeps at most
 */
public record PolicySettings(RefreshTiming timing, Backoff backoff, int failFastThreshold, Duration credentialIdleTimeout,
                             int maxCredentials) {

    /** The defaults: 60 s refresh margin, back-off from 1 s to 60 s, fail fast after 3 failures, 10 min, 10,000. */
    public static final PolicySettings DEFAULT = new PolicySettings(RefreshTiming.DEFAULT, Backoff.DEFAULT, 3,
            Duration.ofMinutes(10), 10_000);

    public PolicySettings {
        if (failFastThreshold < 1) {
            throw new IllegalArgumentException("Option failFastThreshold must be at least 1, not " + failFastThreshold);
        }
        if (credentialIdleTimeout.isNegative() || credentialIdleTimeout.isZero()) {
            throw new IllegalArgumentException("Option credentialIdleTimeout must be greater than 0, not "
                    + credentialIdleTimeout.toMillis());
        }
        if (maxCredentials < 1) {
            throw new IllegalArgumentException("Option maxCredentials must be at least 1, not " + maxCredentials);
        }
    }

    /** The same settings with another failure threshold. */
    public PolicySettings withFailFastThreshold(int threshold) {
        return new PolicySettings(timing, backoff, threshold, credentialIdleTimeout, maxCredentials);
    }
}
