package org.lastmile.camel.vendorauth.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.HazelcastTokenStore;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.TokenAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An outsider on the cluster network: a member of the cluster (Community Edition lets anybody join) that holds no
 * credential and deletes or plants entries in the store's maps while two applications, each on a member of its own, send
 * exchanges. It costs a bounded number of token requests and nothing else.
 */
class ClusterOutsiderTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private static final Logger LOG = LoggerFactory.getLogger(ClusterOutsiderTest.class);

    private final List<CamelContext> applications = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(6);
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong longestMillis = new AtomicLong();

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        for (CamelContext application : applications) {
            application.stop();
        }
    }

    private CamelContext application(HazelcastInstance member, long refreshMarginMillis) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        VendorAuthComponent component = new VendorAuthComponent();
        component.setHazelcastInstance(member);
        component.setRefreshMargin(refreshMarginMillis);
        camel.addComponent("vendorauth", component);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:api").to("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl()
                        + "/token&clientId=orders&clientSecret=RAW(outsider-test-Secret)");
            }
        });
        camel.start();
        applications.add(camel);
        return camel;
    }

    /** Two threads per application sending exchanges until {@code endNanos}, each exchange timed. */
    private CompletableFuture<Void> load(long endNanos) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (CamelContext application : applications) {
            for (int t = 0; t < 2; t++) {
                ProducerTemplate template = application.createProducerTemplate();
                running.add(CompletableFuture.runAsync(() -> {
                    while (System.nanoTime() < endNanos) {
                        sent.incrementAndGet();
                        long started = System.nanoTime();
                        boolean ok = template.request("direct:api", exchange -> { }).getException() == null;
                        longestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                                Math::max);
                        if (!ok) {
                            failed.incrementAndGet();
                        }
                    }
                }, threads));
            }
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
    }

    /** The outsider's loop: {@code step} every 50 ms until {@code endNanos}. */
    private CompletableFuture<Void> every50Millis(long endNanos, Runnable step) {
        return CompletableFuture.runAsync(() -> {
            while (System.nanoTime() < endNanos) {
                step.run();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, threads);
    }

    private static int tokenCalls() {
        return vendor.findAll(postRequestedFor(urlEqualTo("/token"))).size();
    }

    private static long nanosFromNow(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void anOutsiderDeletingEveryEntryEvery50MillisecondsCostsAtMostOneMoreRequest() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(3600)));
        try (LoopbackCluster cluster = new LoopbackCluster()) {
            application(cluster.startMember(), 60_000);
            application(cluster.startMember(), 60_000);
            HazelcastInstance outsider = cluster.startMember();
            load(nanosFromNow(200)).get(60, TimeUnit.SECONDS);
            assertThat(tokenCalls()).as("one token for the cluster").isEqualTo(1);

            IMap<Object, Object> tokens = outsider.getMap(HazelcastTokenStore.TOKENS_MAP);
            IMap<Object, Object> flights = outsider.getMap(HazelcastTokenStore.FLIGHTS_MAP);
            long end = nanosFromNow(5000);
            CompletableFuture<Void> deleting = every50Millis(end, () -> {
                tokens.keySet().forEach(tokens::remove);
                flights.keySet().forEach(flights::remove);
            });
            CompletableFuture.allOf(deleting, load(end)).get(60, TimeUnit.SECONDS);

            LOG.info("Outsider deleting: {} exchanges, {} failed, {} token requests", sent, failed, tokenCalls());
            assertThat(failed).as("failed of %s exchanges", sent).hasValue(0);
            assertThat(tokenCalls()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void markersAnOutsiderPlantsWithoutATimeToLiveBlockNobody() throws Exception {
        // tokens of 2 s, refreshed 0.5 s before they end: members claim flights all through the test
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(2)));
        try (LoopbackCluster cluster = new LoopbackCluster()) {
            application(cluster.startMember(), 500);
            application(cluster.startMember(), 500);
            HazelcastInstance outsider = cluster.startMember();
            load(nanosFromNow(200)).get(60, TimeUnit.SECONDS);
            IMap<Object, Object> tokens = outsider.getMap(HazelcastTokenStore.TOKENS_MAP);
            Object id = tokens.keySet().iterator().next();
            IMap<Object, Object> flights = outsider.getMap(HazelcastTokenStore.FLIGHTS_MAP);
            sent.set(0);
            failed.set(0);
            longestMillis.set(0);

            AtomicInteger round = new AtomicInteger();
            Object[] planted = { "failed:" + id, "garbage".getBytes(StandardCharsets.UTF_8), 42L };
            long end = nanosFromNow(6000);
            CompletableFuture<Void> planting = every50Millis(end,
                    () -> flights.put(id, planted[round.getAndIncrement() % planted.length]));
            CompletableFuture.allOf(planting, load(end)).get(60, TimeUnit.SECONDS);

            LOG.info("Outsider planting markers: {} exchanges, {} failed, longest {} ms, {} token requests", sent, failed,
                    longestMillis, tokenCalls());
            assertThat(sent.get()).isGreaterThan(100);
            assertThat(failed.get()).as("failed of %s exchanges", sent).isLessThanOrEqualTo(sent.get() / 20);
            assertThat(longestMillis.get()).as("longest exchange").isLessThanOrEqualTo(6000);
        }
    }
}
