package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.MemberProcess;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/**
 * Three JVMs form a cluster; the one that wins the flight is killed (SIGKILL) while the vendor keeps it waiting, well within
 * its 45 s response timeout. Another member fetches (its marker is cleared when the cluster sees the member leave, at the
 * latest when the marker's time to live ends), and every member gets its token.
 */
class KilledWinnerTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private MemberProcess start(LoopbackCluster cluster) throws Exception {
        // the winner's request must still wait when it is killed, however long the others take to start
        return cluster.startProcess(vendor.baseUrl() + "/token", 45_000);
    }

    @Test
    void anotherMemberTakesOverWhenTheWinnerIsKilledMidFlight() throws Exception {
        TokenAnswers.firstRequestHangs(vendor, "t2");

        try (LoopbackCluster cluster = new LoopbackCluster()) {
            MemberProcess winner = start(cluster);
            eventually("the first member is asking the vendor", () -> tokenCalls(vendor) == 1);
            MemberProcess second = start(cluster);
            MemberProcess third = start(cluster);

            winner.kill();

            eventually("the others got their tokens", () -> second.tokens() >= 5 && third.tokens() >= 5);
            assertThat(second.failures()).isEmpty();
            assertThat(third.failures()).isEmpty();
            assertThat(vendor.findAll(postRequestedFor(urlEqualTo("/token")))).as("the hung request and one more")
                    .hasSize(2);
        }
    }
}
