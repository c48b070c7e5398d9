package org.lastmile.camel.vendorauth.test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.lastmile.camel.vendorauth.internal.profile.TokenEndpoint;
import org.lastmile.camel.vendorauth.internal.profile.RequestParameters;
import org.lastmile.camel.vendorauth.internal.profile.Grant;
import org.lastmile.camel.vendorauth.internal.profile.Client;
import org.lastmile.camel.vendorauth.internal.oauth.TokenClient;
import org.lastmile.camel.vendorauth.internal.policy.Backoff;
import org.lastmile.camel.vendorauth.internal.policy.PolicySettings;
import org.lastmile.camel.vendorauth.internal.policy.TokenManager;
import org.lastmile.camel.vendorauth.internal.profile.BodyFormat;
import org.lastmile.camel.vendorauth.internal.profile.ClientAuthentication;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.ExpiresInUnit;
import org.lastmile.camel.vendorauth.internal.profile.VendorProfile;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;

/**
 * A token manager on a hand-moved clock, an in-memory store and a real token client: for tests of the policy where time
 * matters. Closing it ends the manager, the client's pool and the fetch threads.
 */
public final class ManagerFixture implements AutoCloseable {

    /** Where every fixture's clock starts. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    /** The generic profile's expiry rules: seconds, 5 minutes by default, kept between 1 s and 1 day. */
    /** Refresh tokens used, as the vendor sends them. */
    public static final VendorProfile.RefreshRules REFRESH = new VendorProfile.RefreshRules(true, null, null, List.of());
    public static final VendorProfile.ExpiryRules SECONDS = new VendorProfile.ExpiryRules(ExpiresInUnit.SECONDS,
            Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1), null);

    private final MutableClock clock;
    private final ExecutorService executor;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final TokenClient client;
    private final InMemoryTokenStore store;
    private final TokenManager manager;

    /**
     * @param responseTimeout the token client's bound on an answer (also its connect timeout)
     * @param backoff         the manager's back-off
     * @param fetchThreads    threads that run fetches
     */
    public ManagerFixture(Duration responseTimeout, Backoff backoff, int fetchThreads) {
        this(responseTimeout, new PolicySettings(PolicySettings.DEFAULT.timing(), backoff,
                PolicySettings.DEFAULT.failFastThreshold(), PolicySettings.DEFAULT.credentialIdleTimeout(),
                PolicySettings.DEFAULT.maxCredentials()), fetchThreads, null);
    }

    /**
     * @param responseTimeout the token client's bound on an answer (also its connect timeout)
     * @param settings        the manager's settings
     * @param fetchThreads    threads that run fetches
     * @param sharing         another fixture whose store and clock this one shares (a second member of one "cluster"),
     *                        or {@code null} for a store and clock of its own
     */
    public ManagerFixture(Duration responseTimeout, PolicySettings settings, int fetchThreads, ManagerFixture sharing) {
        clock = sharing != null ? sharing.clock : new MutableClock(START);
        executor = Executors.newFixedThreadPool(fetchThreads);
        client = new TokenClient(responseTimeout, responseTimeout, Math.max(4, fetchThreads), clock);
        store = sharing != null ? sharing.store : new InMemoryTokenStore(clock);
        // counted, so that a test can wait until every flight has landed before it moves the clock on
        Executor counted = task -> {
            submitted.incrementAndGet();
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    finished.incrementAndGet();
                }
            });
        };
        manager = new TokenManager(store, client, counted, clock, settings);
    }

    /** Waits until every fetch started so far has landed: its token adopted or its failure counted. */
    public void settle() {
        Eventually.eventually("every flight has landed", () -> finished.get() == submitted.get());
    }

    /** A client-credentials request with HTTP Basic, form body and no parameters. */
    public static Credential request(String tokenUrl) {
        return request(tokenUrl, Map.of());
    }

    /** A client-credentials request with HTTP Basic, form body and the given parameters. */
    public static Credential request(String tokenUrl, Map<String, String> parameters) {
        return new Credential("test", TokenEndpoint.of(URI.create(tokenUrl), BodyFormat.FORM),
                new Grant.ClientCredentials(), new Client("id", "secret", ClientAuthentication.BASIC, null),
                RequestParameters.of(parameters), SECONDS, REFRESH, null, null);
    }

    public MutableClock clock() {
        return clock;
    }

    public TokenClient client() {
        return client;
    }

    public InMemoryTokenStore store() {
        return store;
    }

    public TokenManager manager() {
        return manager;
    }

    @Override
    public void close() throws InterruptedException {
        manager.close();
        client.close();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
