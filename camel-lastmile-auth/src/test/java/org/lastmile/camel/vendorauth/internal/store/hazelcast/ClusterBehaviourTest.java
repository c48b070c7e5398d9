package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.CamelApplications.authorization;
import static org.lastmile.camel.vendorauth.test.CamelApplications.sharingThrough;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/** What members of one cluster see of each other's tokens, and what happens when the cluster is gone. */
class ClusterBehaviourTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private static CamelContext application(VendorAuthComponent component) throws Exception {
        String credential = "vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token&clientId=orders&clientSecret=s";
        return CamelApplications.start(component, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:api").to(credential);
                from("direct:invalidate").to(credential + "&operation=invalidate");
            }
        });
    }

    @Test
    void anInvalidationOnOneMemberReachesEveryMemberAndManyCostOneCall() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(3600)));
        try (LoopbackCluster cluster = new LoopbackCluster()) {
            CamelContext first = application(sharingThrough(cluster.startMember()));
            CamelContext second = application(sharingThrough(cluster.startMember()));
            try {
                String shared = authorization(first);
                assertThat(authorization(second)).isEqualTo(shared);

                // many exchanges on both members report the same refused token at once
                ExecutorService callers = Executors.newFixedThreadPool(10);
                try {
                    List<CompletableFuture<Exchange>> refusals = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        ProducerTemplate template = (i % 2 == 0 ? first : second).createProducerTemplate();
                        refusals.add(CompletableFuture.supplyAsync(() -> template.request("direct:invalidate",
                                exchange -> exchange.getMessage().setHeader("Authorization", shared)), callers));
                    }
                    CompletableFuture.allOf(refusals.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                } finally {
                    callers.shutdownNow();
                }

                eventually("the second member dropped the refused token too", () -> !authorization(second).equals(shared));
                assertThat(authorization(first)).isEqualTo(authorization(second));
                assertThat(tokenCalls(vendor)).as("the first token and one new one, for the whole cluster").isEqualTo(2);
            } finally {
                first.stop();
                second.stop();
            }
        }
    }

    @Test
    void aClientConfigurationJoinsARunningClusterAsItIs(@TempDir Path folder) throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 3600)));
        try (LoopbackCluster cluster = new LoopbackCluster()) {
            HazelcastInstance member = cluster.startMember();
            Path client = folder.resolve("hazelcast-client.yaml");
            Files.writeString(client, """
                    hazelcast-client:
                      cluster-name: %s
                      network:
                        cluster-members:
                          - 127.0.0.1:%d
                      properties:
                        hazelcast.phone.home.enabled: false
                        hazelcast.logging.type: slf4j
                    """.formatted(cluster.name(), member.getCluster().getLocalMember().getAddress().getPort()));
            VendorAuthComponent component = new VendorAuthComponent();
            component.setHazelcastConfigUri("file:" + client);
            CamelContext camel = application(component);
            try {
                assertThat(authorization(camel)).isEqualTo("Bearer t1");
                assertThat(member.getMap(HazelcastTokenStore.TOKENS_MAP).size()).as("stored in the cluster").isEqualTo(1);
            } finally {
                camel.stop();
            }
            assertThat(member.getLifecycleService().isRunning()).isTrue();
        }
    }

    @Test
    void exchangesKeepGettingTokensWhenHazelcastIsGone() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(3600)));
        try (LoopbackCluster cluster = new LoopbackCluster()) {
            HazelcastInstance member = cluster.startMember();
            VendorAuthComponent component = sharingThrough(member);
            component.setStoreTimeout(500);
            CamelContext camel = application(component);
            try {
                String before = authorization(camel);
                member.getLifecycleService().terminate();

                // the API refused the token: dropping it and fetching anew must work without the cluster
                camel.createProducerTemplate().request("direct:invalidate",
                        exchange -> exchange.getMessage().setHeader("Authorization", before));
                String after = authorization(camel);
                assertThat(after).startsWith("Bearer ").isNotEqualTo(before);
                assertThat(authorization(camel)).isEqualTo(after);
                assertThat(tokenCalls(vendor)).isEqualTo(2);
            } finally {
                camel.stop();
            }
        }
    }
}
