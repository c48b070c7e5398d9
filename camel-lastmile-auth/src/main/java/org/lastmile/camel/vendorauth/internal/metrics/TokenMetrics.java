package org.lastmile.camel.vendorauth.internal.metrics;

import org.apache.camel.CamelContext;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;

/**
 * Publishes each credential's token statistics as meters, when the application has a meter registry. Micrometer is an
 * optional dependency: this interface names none of its types, so that the component loads without it.
 */
public interface TokenMetrics extends AutoCloseable {

    /** What an application without Micrometer gets: nothing. */
    TokenMetrics NONE = new TokenMetrics() {
        @Override
        public void bind(TokenSource source) {
            // no registry: nothing to publish to
        }

        @Override
        public void unbind(TokenSource source) {
            // nothing was published
        }

        @Override
        public void close() {
            // nothing was published
        }
    };

    /** Publishes the meters of one credential; called once per credential. */
    void bind(TokenSource source);

    /** Removes the meters of a credential that left this JVM (unused for {@code credentialIdleTimeout}). */
    void unbind(TokenSource source);

    /** Removes every meter published here. */
    @Override
    void close();

    /**
     * Meters in the {@code MeterRegistry} of the Camel registry (in Spring Boot: the application's), or {@link #NONE} when
     * Micrometer is not on the class path or no registry is there.
     */
    static TokenMetrics forRegistryOf(CamelContext context) {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry", false, TokenMetrics.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
        return MicrometerTokenMetrics.forRegistryOf(context);
    }
}
