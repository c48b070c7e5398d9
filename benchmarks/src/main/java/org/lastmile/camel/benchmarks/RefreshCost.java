package org.lastmile.camel.benchmarks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.lastmile.camel.vendorauth.internal.oauth.TokenClient;
import org.lastmile.camel.vendorauth.internal.policy.PolicySettings;
import org.lastmile.camel.vendorauth.internal.policy.TokenManager;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;
import org.lastmile.camel.vendorauth.internal.profile.BodyFormat;
import org.lastmile.camel.vendorauth.internal.profile.ClientAuthentication;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.ExpiresInUnit;
import org.lastmile.camel.vendorauth.internal.profile.Client;
import org.lastmile.camel.vendorauth.internal.profile.Grant;
import org.lastmile.camel.vendorauth.internal.profile.RequestParameters;
import org.lastmile.camel.vendorauth.internal.profile.TokenEndpoint;
import org.lastmile.camel.vendorauth.internal.profile.VendorProfile;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;

/**
 * Token calls per lifetime of a busy route, for lifetimes from seconds to an hour: the component's policy (default
 * settings) on a clock of its own, so that twenty one-hour lifetimes pass in seconds, asking the local vendor over real
 * HTTP. An exchange every hundredth of the lifetime (at most every second); each step waits until a refresh it started
 * has landed, as real time would let it.
 */
final class RefreshCost {

    /** What one lifetime cost. */
    record Result(Duration lifetime, int lifetimes, int tokenCalls, long waits) {
        /** Refreshes per lifetime once running: the first fetch is not one. */
        double callsPerLifetime() {
            return (tokenCalls - 1) / (double) lifetimes;
        }
    }

    /** A clock that moves only when told. */
    private static final class SteppedClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private RefreshCost() {
    }

    static Result measure(Duration lifetime, int lifetimes) throws Exception {
        SteppedClock clock = new SteppedClock();
        ExecutorService fetches = Executors.newSingleThreadExecutor();
        try (LocalVendor vendor = new LocalVendor(lifetime, Duration.ZERO);
             TokenClient client = new TokenClient(Duration.ofSeconds(5), Duration.ofSeconds(5), 2, clock);
             TokenManager manager = new TokenManager(new InMemoryTokenStore(clock), client, fetches, clock,
                     PolicySettings.DEFAULT)) {
            TokenSource source = manager.source(credential(vendor.tokenUrl()));
            Duration step = lifetime.dividedBy(100).compareTo(Duration.ofSeconds(1)) < 0 ? lifetime.dividedBy(100)
                    : Duration.ofSeconds(1);
            long steps = lifetimes * lifetime.dividedBy(step);
            for (long i = 0; i < steps; i++) {
                if (source.tryNow() == null) {
                    source.await().get(30, TimeUnit.SECONDS);
                }
                // one fetch thread: once this no-op has run, a refresh started by the exchange has landed
                fetches.submit(() -> { }).get(30, TimeUnit.SECONDS);
                clock.advance(step);
            }
            return new Result(lifetime, lifetimes, vendor.tokenCalls(), source.statistics().waits());
        } finally {
            fetches.shutdownNow();
        }
    }

    /** A client-credentials credential of the generic profile's rules: seconds, between 1 s and a day. */
    private static Credential credential(String tokenUrl) {
        VendorProfile.ExpiryRules seconds = new VendorProfile.ExpiryRules(ExpiresInUnit.SECONDS, Duration.ofMinutes(5),
                Duration.ofSeconds(1), Duration.ofDays(1), null);
        return new Credential("bench", TokenEndpoint.of(URI.create(tokenUrl), BodyFormat.FORM),
                new Grant.ClientCredentials(), new Client(LocalVendor.CLIENT.clientId(),
                        LocalVendor.CLIENT.clientSecret(), ClientAuthentication.BASIC, null),
                RequestParameters.NONE, seconds, new VendorProfile.RefreshRules(true, null, null, List.of()), null, null);
    }
}
