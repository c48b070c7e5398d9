package org.lastmile.camel.vendorauth.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.HazelcastTokenStore;
import org.lastmile.camel.vendorauth.test.ApiLoad;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.TokenAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
    private final ApiLoad load = new ApiLoad(4);
    private final ExecutorService outsiderThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws Exception {
        load.close();
        outsiderThread.shutdownNow();
        outsiderThread.awaitTermination(10, TimeUnit.SECONDS);
        for (CamelContext application : applications) {
            application.stop();
        }
    }

    private void application(HazelcastInstance member, long refreshMarginMillis) throws Exception {
        VendorAuthComponent component = CamelApplications.sharingThrough(member);
        component.setRefreshMargin(refreshMarginMillis);
        applications.add(CamelApplications.start(component, CamelApplications.apiRoute("vendorauth:oauth2?tokenUrl="
                + vendor.baseUrl() + "/token&clientId=orders&clientSecret=RAW(outsider-test-Secret)")));
    }

    /** Two threads per application sending exchanges until {@code endNanos}. */
    private CompletableFuture<Void> load(long endNanos) {
        return CompletableFuture.allOf(applications.stream().map(application -> load.run(application, 2, endNanos))
                .toArray(CompletableFuture[]::new));
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
        }, outsiderThread);
    }

    private static int tokenCalls() {
        return TokenAnswers.tokenCalls(vendor);
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

            LOG.info("Outsider deleting: {} exchanges, {} failed, {} token requests", load.sent(), load.failed(), tokenCalls());
            assertThat(load.failed()).as("failed of %s exchanges", load.sent()).hasValue(0);
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
            load.sent().set(0);
            load.failed().set(0);
            load.longestMillis().set(0);

            AtomicInteger round = new AtomicInteger();
            Object[] planted = { "failed:" + id, "garbage".getBytes(StandardCharsets.UTF_8), 42L };
            long end = nanosFromNow(6000);
            CompletableFuture<Void> planting = every50Millis(end,
                    () -> flights.put(id, planted[round.getAndIncrement() % planted.length]));
            CompletableFuture.allOf(planting, load(end)).get(60, TimeUnit.SECONDS);

            LOG.info("Outsider planting markers: {} exchanges, {} failed, longest {} ms, {} token requests", load.sent(),
                    load.failed(), load.longestMillis(), tokenCalls());
            assertThat(load.sent().get()).isGreaterThan(100);
            assertThat(load.failed().get()).as("failed of %s exchanges", load.sent())
                    .isLessThanOrEqualTo(load.sent().get() / 20);
            assertThat(load.longestMillis().get()).as("longest exchange").isLessThanOrEqualTo(6000);
        }
    }
}
