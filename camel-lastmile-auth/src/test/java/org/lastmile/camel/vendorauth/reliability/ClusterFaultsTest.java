package org.lastmile.camel.vendorauth.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.test.ApiLoad;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/**
 * The cluster store when the cluster itself breaks, with applications in this JVM (each with a member of its own): members
 * leaving and joining under load, and Hazelcast gone entirely. Exchanges keep getting tokens within bounded waits, and the
 * vendor sees no storm. A member frozen or killed mid-flight needs processes of its own: {@code FrozenWinnerTest} and
 * {@code cache.KilledWinnerTest}.
 */
class ClusterFaultsTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private static final long LIFETIME_MILLIS = 3000;
    private static final long REFRESH_MARGIN_MILLIS = 300;

    private final List<CamelContext> applications = new ArrayList<>();
    private final ApiLoad load = new ApiLoad(16);
    private final AtomicInteger sent = load.sent();
    private final AtomicInteger failed = load.failed();

    @AfterEach
    void stop() throws Exception {
        load.close();
        for (CamelContext application : applications) {
            application.stop();
        }
    }

    private CamelContext application(HazelcastInstance member) throws Exception {
        VendorAuthComponent component = CamelApplications.sharingThrough(member);
        component.setRefreshMargin(REFRESH_MARGIN_MILLIS);
        component.setConnectTimeout(1000);
        component.setResponseTimeout(1000);
        component.setStoreTimeout(500);
        component.setBackoffInitial(100);
        component.setBackoffMax(500);
        CamelContext camel = CamelApplications.start(component, CamelApplications.apiRoute("vendorauth:oauth2?tokenUrl="
                + vendor.baseUrl() + "/token&clientId=orders&clientSecret=RAW(cluster-faults-Secret)"));
        applications.add(camel);
        return camel;
    }

    private static long nanosFromNow(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void membersLeaveAndJoinUnderLoad() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(LIFETIME_MILLIS / 1000).withFixedDelay(50)));
        try (LoopbackCluster cluster = new LoopbackCluster()) {
            CamelContext first = application(cluster.startMember());
            CamelContext second = application(cluster.startMember());
            HazelcastInstance leaving = cluster.startMember();
            CamelContext third = application(leaving);
            long started = System.nanoTime();
            long end = nanosFromNow(4 * LIFETIME_MILLIS);

            CompletableFuture<Void> staying = CompletableFuture.allOf(load.run(first, 4, end), load.run(second, 4, end));
            load.run(third, 4, nanosFromNow(LIFETIME_MILLIS)).get(60, TimeUnit.SECONDS);
            // the third application stops and its member leaves the cluster; a fourth joins a moment later
            third.stop();
            leaving.shutdown();
            Thread.sleep(LIFETIME_MILLIS / 2);
            CamelContext fourth = application(cluster.startMember());
            CompletableFuture<Void> joined = load.run(fourth, 4, end);
            CompletableFuture.allOf(staying, joined).get(60, TimeUnit.SECONDS);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(failed).as("failed of %s exchanges", sent).hasValue(0);
            assertThat(sent.get()).isGreaterThan(1000);
            // one token per lifetime less the refresh margin for the whole cluster, and a little slack for the changes
            long lifetimes = elapsed / (LIFETIME_MILLIS - REFRESH_MARGIN_MILLIS);
            assertThat(tokenCalls(vendor)).isBetween(1, (int) lifetimes + 3);
        }
    }

    @Test
    void hazelcastGoneEntirelyEachApplicationFetchesOnItsOwn() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(LIFETIME_MILLIS / 1000).withFixedDelay(50)));
        try (LoopbackCluster cluster = new LoopbackCluster()) {
            HazelcastInstance one = cluster.startMember();
            HazelcastInstance other = cluster.startMember();
            CamelContext first = application(one);
            CamelContext second = application(other);
            load.run(first, 1, nanosFromNow(200)).get(60, TimeUnit.SECONDS);
            load.run(second, 1, nanosFromNow(200)).get(60, TimeUnit.SECONDS);
            assertThat(tokenCalls(vendor)).as("one token for the cluster").isEqualTo(1);

            one.getLifecycleService().terminate();
            other.getLifecycleService().terminate();
            long started = System.nanoTime();
            long end = nanosFromNow(3 * LIFETIME_MILLIS);
            CompletableFuture.allOf(load.run(first, 4, end), load.run(second, 4, end)).get(60, TimeUnit.SECONDS);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(failed).as("failed of %s exchanges", sent).hasValue(0);
            assertThat(sent.get()).isGreaterThan(1000);
            // without the cluster each application fetches for itself: at most one token per application and lifetime
            long lifetimes = elapsed / (LIFETIME_MILLIS - REFRESH_MARGIN_MILLIS);
            assertThat(tokenCalls(vendor) - 1).isBetween(1, 2 * ((int) lifetimes + 2));
        }
    }
}
