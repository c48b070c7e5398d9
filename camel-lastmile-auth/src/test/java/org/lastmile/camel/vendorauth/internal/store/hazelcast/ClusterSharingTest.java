package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.test.ApiLoad;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.TokenAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/** Three Camel applications, each with its own Hazelcast member, share one token per lifetime. */
class ClusterSharingTest {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSharingTest.class);
    private static final String SECRET = "cluster-Secret-5521";
    private static final long LIFETIME_MILLIS = 4000;
    private static final long REFRESH_MARGIN_MILLIS = 300;

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private static RouteBuilder apiRoute() {
        return CamelApplications.apiRoute("vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token&clientId=orders"
                + "&clientSecret=RAW(" + SECRET + ")");
    }

    private static CamelContext application(HazelcastInstance member) throws Exception {
        VendorAuthComponent component = CamelApplications.sharingThrough(member);
        component.setRefreshMargin(REFRESH_MARGIN_MILLIS);
        return CamelApplications.start(component, apiRoute());
    }

    @Test
    void threeMembersUnderLoadMakeOneTokenCallPerLifetime() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(LIFETIME_MILLIS / 1000).withFixedDelay(100)));
        List<CamelContext> applications = new ArrayList<>();
        try (ApiLoad load = new ApiLoad(48); LoopbackCluster cluster = new LoopbackCluster()) {
            List<HazelcastInstance> members = List.of(cluster.startMember(), cluster.startMember(), cluster.startMember());
            for (HazelcastInstance member : members) {
                applications.add(application(member));
            }
            assertThat(members.get(0).getCluster().getMembers()).hasSize(3);

            AtomicInteger failed = load.failed();
            AtomicInteger sent = load.sent();
            long started = System.nanoTime();
            long end = started + TimeUnit.MILLISECONDS.toNanos(3 * LIFETIME_MILLIS);
            CompletableFuture.allOf(applications.stream().map(application -> load.run(application, 16, end))
                    .toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            int calls = tokenCalls(vendor);
            LOG.info("3 members, 48 threads, {} ms: {} exchanges, {} token calls", elapsed, sent.get(), calls);
            // each token serves its lifetime less the refresh margin; one member fetches it for all three
            long lifetimes = elapsed / (LIFETIME_MILLIS - REFRESH_MARGIN_MILLIS);
            assertThat(failed).hasValue(0);
            assertThat(sent.get()).isGreaterThan(1000);
            assertThat(calls).isBetween(1, (int) lifetimes + 2);

            scanForSecrets(members.get(1));
        } finally {
            for (CamelContext application : applications) {
                application.stop();
            }
        }
    }

    /** Every key and value of the store's maps, as bytes, holds no secret, client id or token text. */
    private static void scanForSecrets(HazelcastInstance member) {
        List<String> tokens = vendor.getAllServeEvents().stream()
                .map(event -> event.getResponse().getBodyAsString())
                .map(body -> body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1")).toList();
        assertThat(tokens).isNotEmpty();
        for (String map : List.of(HazelcastTokenStore.TOKENS_MAP, HazelcastTokenStore.FLIGHTS_MAP)) {
            for (Map.Entry<Object, Object> entry : member.getMap(map).entrySet()) {
                String key = String.valueOf(entry.getKey());
                String value = entry.getValue() instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
                        : String.valueOf(entry.getValue());
                assertThat(key).matches("[0-9a-f]{40}");
                for (String secret : tokens) {
                    assertThat(value).doesNotContain(secret);
                }
                assertThat(key + value).doesNotContain(SECRET).doesNotContain("orders");
            }
        }
    }

    @Test
    void theComponentStartsItsOwnMemberAndStopsIt() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 3600)));
        LoopbackCluster names = new LoopbackCluster();
        VendorAuthComponent component = new VendorAuthComponent();
        component.setClusterName(names.name());
        component.setHazelcastPort(names.port());
        CamelContext camel = CamelApplications.start(component, apiRoute());
        try {
            assertThat(camel.createProducerTemplate().request("direct:api", e -> { }).getMessage()
                    .getHeader("Authorization")).isEqualTo("Bearer t1");
            assertThat(Hazelcast.getAllHazelcastInstances())
                    .anySatisfy(member -> assertThat(member.getConfig().getClusterName()).isEqualTo(names.name()));
        } finally {
            camel.stop();
        }
        assertThat(Hazelcast.getAllHazelcastInstances())
                .noneSatisfy(member -> assertThat(member.getConfig().getClusterName()).isEqualTo(names.name()));
    }

    @Test
    void aUsersInstanceKeepsRunningAfterTheContextStops() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 3600)));
        try (LoopbackCluster cluster = new LoopbackCluster()) {
            HazelcastInstance mine = cluster.startMember();
            CamelContext camel = new DefaultCamelContext();
            // found alone in the registry: autowired
            camel.getRegistry().bind("myHazelcast", mine);
            camel.addRoutes(apiRoute());
            camel.start();
            camel.createProducerTemplate().request("direct:api", e -> { });
            assertThat(camel.getComponent("vendorauth", VendorAuthComponent.class).getHazelcastInstance()).isSameAs(mine);
            camel.stop();

            assertThat(mine.getLifecycleService().isRunning()).isTrue();
            assertThat(mine.getMap(HazelcastTokenStore.TOKENS_MAP).size()).as("the token it stored").isEqualTo(1);
        }
    }
}
