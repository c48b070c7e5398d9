package org.lastmile.camel.vendorauth.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.internal.policy.Backoff;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/**
 * A thousand credentials (one per tenant) used by eight threads over several token lifetimes, on a hand-moved clock:
 * exactly one token request per credential and lifetime (cold fetch or refresh ahead), no caller ever without a token,
 * and a store that holds no more than the credentials in use: expired entries are gone.
 */
class SoakTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private static final int TENANTS = 1000;
    private static final int THREADS = 8;
    private static final int LIFETIMES = 3;
    private static final Pattern TENANT = Pattern.compile("tenant=(t\\d+)");

    private final ManagerFixture fixture = new ManagerFixture(Duration.ofSeconds(5),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)), 4);
    private final ExecutorService callers = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
        fixture.close();
    }

    private List<TokenSource> tenants(int first) {
        List<TokenSource> sources = new ArrayList<>();
        for (int i = first; i < first + TENANTS; i++) {
            sources.add(fixture.manager().source(ManagerFixture.request(vendor.baseUrl() + "/token",
                    Map.of("tenant", "t" + i))));
        }
        return sources;
    }

    /** Every thread visits every source in an order of its own; rethrows the first failure. */
    private void everyThreadVisits(List<TokenSource> sources, Consumer<TokenSource> visit) throws Exception {
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<TokenSource> order = new ArrayList<>(sources);
            Collections.shuffle(order);
            threads.add(callers.submit(() -> order.forEach(visit)));
        }
        for (Future<?> thread : threads) {
            thread.get(60, TimeUnit.SECONDS);
        }
    }

    private static void awaitToken(TokenSource source) {
        try {
            assertThat(source.await().get(30, TimeUnit.SECONDS).authorization()).startsWith("Bearer tok-");
        } catch (Exception e) {
            throw new AssertionError("no token for " + source.key(), e);
        }
    }

    private static Map<String, Long> requestsPerTenant() {
        return vendor.findAll(postRequestedFor(urlEqualTo("/token"))).stream().map(LoggedRequest::getBodyAsString)
                .map(TENANT::matcher).filter(Matcher::find).collect(Collectors.groupingBy(m -> m.group(1),
                        Collectors.counting()));
    }

    @Test
    void aThousandCredentialsOverSeveralLifetimes() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(100)));
        List<TokenSource> sources = tenants(0);

        for (int lifetime = 1; lifetime <= LIFETIMES; lifetime++) {
            // cold (or expired): eight threads want each token, one request per credential
            everyThreadVisits(sources, SoakTest::awaitToken);
            fixture.settle();
            // due for refresh (by 87.5 s of 100), still sent (until 95 s): every caller is served, one refresh per
            // credential
            fixture.clock().advance(Duration.ofSeconds(88));
            everyThreadVisits(sources, source -> assertThat(source.tryNow()).isNotNull());
            fixture.settle();
            assertThat(fixture.store().size()).isEqualTo(TENANTS);
            // past the refreshed tokens' end
            fixture.clock().advance(Duration.ofSeconds(200));
        }

        long expected = 2L * LIFETIMES;
        eventually("the vendor logged every request", () -> tokenCalls(vendor)
                == TENANTS * expected);
        Map<String, Long> perTenant = requestsPerTenant();
        assertThat(perTenant).hasSize(TENANTS);
        assertThat(perTenant.values()).as("requests per credential").containsOnly(expected);
        assertThat(sources).allSatisfy(source -> assertThat(source.statistics().failures()).isZero());
    }

    @Test
    void credentialsThatFallOutOfUseLeaveTheStore() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(100)));
        List<TokenSource> first = tenants(0);
        everyThreadVisits(first, SoakTest::awaitToken);
        assertThat(fixture.store().size()).isEqualTo(TENANTS);

        // the first thousand fall silent and expire; another thousand come into use
        fixture.clock().advance(Duration.ofSeconds(200));
        List<TokenSource> second = tenants(TENANTS);
        everyThreadVisits(second, SoakTest::awaitToken);
        fixture.settle();

        assertThat(fixture.store().size()).as("only the credentials in use").isEqualTo(TENANTS);
    }
}
