package org.lastmile.camel.examples.quarkus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.hazelcast.core.Hazelcast;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as Camel K runs it (JVM mode): the component found by its scheme and configured by
 * {@code application.properties}, its embedded Hazelcast member, and the vendorauth-action Kamelet.
 */
@QuarkusTest
@QuarkusTestResource(VendorSandbox.class)
class CamelQuarkusTest {

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate template;

    private static volatile boolean measured;

    /**
     * The first enriched exchange, timed (BENCHMARKS.md): Camel's own "started in" line gives the context's start, the
     * embedded member's included; this is the time from then to the first exchange with its token.
     */
    @BeforeEach
    void timeTheFirstEnrichedExchange() {
        if (!measured) {
            measured = true;
            long started = System.nanoTime();
            assertThat(template.requestBody("direct:orders", null, String.class)).contains("\"vendor\":\"oauth2\"");
            System.out.println("STARTUP first enriched exchange " + (System.nanoTime() - started) / 1_000_000
                    + " ms after start-up (context started in " + camel.getUptime().toMillis() + " ms ago)");
        }
    }

    @Test
    void twentyConcurrentExchangesShareOneTokenCall() throws Exception {
        int before = VendorSandbox.server().vendor("oauth2").tokenCalls();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return template.requestBody("direct:orders", null, String.class);
                }, pool));
            }
            go.countDown();
            for (CompletableFuture<String> call : calls) {
                assertThat(call.get()).contains("\"vendor\":\"oauth2\"");
            }
        } finally {
            pool.shutdownNow();
        }
        // the Kamelet test may have fetched the credential's token first: one call at most, whoever made it
        assertThat(VendorSandbox.server().vendor("oauth2").tokenCalls()).isEqualTo(Math.max(before, 1));
    }

    @Test
    void theKameletPutsATokenOnTheMessage() {
        assertThat(template.requestBody("direct:orders-via-kamelet", null, String.class)).contains("\"vendor\":\"oauth2\"");
        // the Kamelet's endpoint carries no placeholder of an option left unset
        assertThat(camel.getEndpoints()).map(endpoint -> endpoint.getEndpointUri())
                .filteredOn(uri -> uri.startsWith("vendorauth:")).isNotEmpty()
                .allSatisfy(uri -> assertThat(uri).doesNotContain("{{").doesNotContain("%7B"));
    }

    @Test
    void theTokensLiveInTheEmbeddedMember() {
        template.requestBody("direct:orders", null, String.class);
        // the component's embedded member: of the cluster named in application.properties
        assertThat(Hazelcast.getAllHazelcastInstances()).map(member -> member.getConfig().getClusterName())
                .singleElement().asString().startsWith("quarkus-");
    }
}
