package org.lastmile.camel.vendorauth.reliability;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/**
 * The failure rules across real Hazelcast members: a member that never asked fails fast with the vendor's words once the
 * cluster failed three times in a row, and the first success anywhere ends failing fast everywhere.
 */
class ClusterFailureRulesTest {

    private static final String MAINTENANCE = "{\"error\":\"temporarily_unavailable\",\"error_description\":"
            + "\"Planned maintenance\"}";

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private final LoopbackCluster cluster = new LoopbackCluster();
    private final List<CamelContext> applications = new ArrayList<>();

    @AfterEach
    void stop() {
        applications.forEach(CamelContext::stop);
        cluster.close();
    }

    /** An application on a member of its own, leaving a failing vendor alone for a few seconds once failing fast. */
    private CamelContext member() throws Exception {
        VendorAuthComponent component = CamelApplications.sharingThrough(cluster.startMember());
        component.setBackoffInitial(4000);
        component.setBackoffMax(4000);
        CamelContext application = CamelApplications.start(component, CamelApplications.apiRoute(
                "vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token&clientId=orders&clientSecret=s3cret"));
        applications.add(application);
        return application;
    }

    private static Exchange call(CamelContext application) {
        return application.createProducerTemplate().request("direct:api", exchange -> { });
    }

    @Test
    void aMemberThatNeverAskedFailsFastWithTheVendorsWordsAndTheFirstSuccessEndsItEverywhere() throws Exception {
        CamelContext asking = member();
        CamelContext silent = member();
        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(503, MAINTENANCE)));
        for (int i = 0; i < 3; i++) {
            assertThat(call(asking).getException()).hasMessageContaining("Planned maintenance");
        }
        assertThat(tokenCalls(vendor)).isEqualTo(3);

        Exchange fast = call(silent);
        assertThat(fast.getException()).isInstanceOfSatisfying(TokenEndpointException.class, e -> {
            assertThat(e.getStatus()).isEqualTo(503);
            assertThat(e.getMessage()).contains("Planned maintenance").contains("not asked again")
                    .contains("after 3 failures");
        });
        assertThat(tokenCalls(vendor)).as("the member that never asked did not ask").isEqualTo(3);

        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("recovered", 3600)));
        eventually("a token once the back-off has passed", () -> call(asking).getException() == null);
        // the other member hears of the success through a map event, a moment later: wait for it, not for luck
        Exchange[] after = new Exchange[1];
        eventually("failing fast ended on the other member", () -> (after[0] = call(silent)).getException() == null);
        assertThat(after[0].getMessage().getHeader("Authorization")).isEqualTo("Bearer recovered");
        assertThat(tokenCalls(vendor)).as("the other member took the stored token, no request of its own").isEqualTo(4);
    }
}
