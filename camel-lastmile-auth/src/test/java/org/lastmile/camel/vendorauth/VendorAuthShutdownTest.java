package org.lastmile.camel.vendorauth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.lastmile.camel.vendorauth.spi.TokenStore;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/**
 * A stopping application answers every exchange that waits for a token, at once, whoever fetches it and whichever store
 * shares it: here the token is fetched by another application, whose fetch hangs far longer than the test.
 */
class VendorAuthShutdownTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    /** An application whose token calls may take 90 s: only the shutdown can end its exchanges' wait. */
    private static CamelContext application(VendorAuthComponent component) throws Exception {
        component.setResponseTimeout(90_000);
        return CamelApplications.start(component, CamelApplications.apiRoute("vendorauth:oauth2?tokenUrl="
                + vendor.baseUrl() + "/token&clientId=orders&clientSecret=s3cret"));
    }

    private static VendorAuthComponent sharingThrough(TokenStore store) {
        VendorAuthComponent component = new VendorAuthComponent();
        component.setTokenStore(store);
        return component;
    }

    private static void exchangesWaitingOnAnotherApplicationsFetchAreAnswered(CamelContext fetching,
                                                                             CamelContext stopping) {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("too-late", 3600).withFixedDelay(60_000)));
        try {
            fetching.createProducerTemplate().asyncSend("direct:api", exchange -> { });
            eventually("the other application asks the vendor", () -> tokenCalls(vendor) == 1);
            List<CompletableFuture<Exchange>> waiting = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                waiting.add(stopping.createProducerTemplate().asyncSend("direct:api", exchange -> { }));
            }

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(stopping::stop);
            for (CompletableFuture<Exchange> exchange : waiting) {
                // bounded far below the vendor's 60 s: the shutdown answers, not the vendor
                assertThat(exchange).succeedsWithin(20, TimeUnit.SECONDS).satisfies(done -> assertThat(
                        done.getException()).hasMessageContaining("shutting down"));
            }
            assertThat(stopped).as("the context stops without waiting for its exchanges' grace period")
                    .succeedsWithin(30, TimeUnit.SECONDS);
            assertThat(tokenCalls(vendor)).isEqualTo(1);
        } finally {
            fetching.stop();
            stopping.stop();
        }
    }

    @Test
    void withAStoreSharedInMemory() throws Exception {
        TokenStore shared = new InMemoryTokenStore();
        exchangesWaitingOnAnotherApplicationsFetchAreAnswered(application(sharingThrough(shared)),
                application(sharingThrough(shared)));
    }

    @Test
    void withHazelcastMembers() throws Exception {
        try (LoopbackCluster cluster = new LoopbackCluster()) {
            HazelcastInstance first = cluster.startMember();
            HazelcastInstance second = cluster.startMember();
            exchangesWaitingOnAnotherApplicationsFetchAreAnswered(
                    application(CamelApplications.sharingThrough(first)),
                    application(CamelApplications.sharingThrough(second)));
        }
    }
}
