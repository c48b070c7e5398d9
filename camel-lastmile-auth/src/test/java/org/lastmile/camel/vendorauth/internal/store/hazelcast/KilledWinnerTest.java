package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.MemberProcess;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/**
 * Three JVMs form a cluster with default timeouts; the one that wins the flight is killed (SIGKILL) while the vendor keeps
 * it waiting. Another member fetches once the dead winner's lease ends, and every member gets its token.
 */
class KilledWinnerTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private final List<MemberProcess> members = new ArrayList<>();

    @AfterEach
    void stopMembers() throws InterruptedException {
        for (MemberProcess member : members) {
            member.close();
        }
    }

    @Test
    void anotherMemberTakesOverWhenTheWinnerIsKilledMidFlight() throws Exception {
        TokenAnswers.firstRequestHangs(vendor, "t2");

        try (LoopbackCluster cluster = new LoopbackCluster()) {
            members.addAll(MemberProcess.startAll(cluster, 3, vendor.baseUrl() + "/token", null));
            MemberProcess winner = members.get(0);
            MemberProcess second = members.get(1);
            MemberProcess third = members.get(2);
            winner.go();
            eventually("the first member is asking the vendor",
                    () -> vendor.findAll(postRequestedFor(urlEqualTo("/token"))).size() == 1);
            winner.kill();
            second.go();
            third.go();

            eventually("the others got their tokens", Duration.ofSeconds(90),
                    () -> second.tokens() >= 5 && third.tokens() >= 5);
            assertThat(second.failures()).isEmpty();
            assertThat(third.failures()).isEmpty();
            assertThat(vendor.findAll(postRequestedFor(urlEqualTo("/token")))).as("the hung request and one more")
                    .hasSize(2);
        }
    }
}
