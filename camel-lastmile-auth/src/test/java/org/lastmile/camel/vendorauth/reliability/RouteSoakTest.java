package org.lastmile.camel.vendorauth.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.test.TokenAnswers;
import org.lastmile.camel.vendorauth.test.VendorTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real exchanges for many tenants from many threads over several short token lifetimes: not one exchange fails or goes
 * without its header, and each tenant's token is requested about once per half lifetime, never per exchange.
 */
class RouteSoakTest extends VendorTestSupport {

    private static final int TENANTS = 200;
    private static final int THREADS = 8;
    /** Seconds: refreshed from 2 s, sent until 3.6 s. */
    private static final int LIFETIME = 4;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(9);
    private static final Pattern TENANT = Pattern.compile("tenant=(t\\d+)");

    private String endpoint(int tenant) {
        return "vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token&clientId=soak&clientSecret=RAW(soak-Secret)"
                + "&param.tenant=t" + tenant;
    }

    @Test
    void manyTenantsManyThreadsSeveralLifetimesNoFailedExchange() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(LIFETIME)));
        AtomicLong exchanges = new AtomicLong();
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        long started = System.nanoTime();
        try {
            List<Future<?>> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t * (TENANTS / THREADS);
                threads.add(callers.submit(() -> {
                    for (int i = 0; System.nanoTime() - started < RUN_NANOS; i++) {
                        String uri = endpoint((offset + i) % TENANTS);
                        Exchange done = template.request(uri, exchange -> { });
                        assertThat(done.getException()).as("exchange %d to %s", i, uri).isNull();
                        assertThat(done.getMessage().getHeader("Authorization", String.class)).startsWith("Bearer tok-");
                        exchanges.incrementAndGet();
                    }
                }));
            }
            for (Future<?> thread : threads) {
                thread.get(60, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
            callers.awaitTermination(10, TimeUnit.SECONDS);
        }
        long elapsedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + 1;

        Map<String, Long> perTenant = vendor.findAll(postRequestedFor(urlEqualTo("/token"))).stream()
                .map(LoggedRequest::getBodyAsString).map(TENANT::matcher).filter(Matcher::find)
                .collect(Collectors.groupingBy(m -> m.group(1), Collectors.counting()));
        assertThat(perTenant).hasSize(TENANTS);
        // the first token stops being sent at 3.6 s of a 9 s run: every tenant needed at least one more
        assertThat(perTenant.values()).allSatisfy(requests -> assertThat(requests)
                .isBetween(2L, elapsedSeconds / (LIFETIME / 2) + 2));
        assertThat(exchanges.get()).as("exchanges served").isGreaterThan(10L * TENANTS);
    }
}
