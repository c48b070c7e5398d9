package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.MemberProcess;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/**
 * Three JVMs form a cluster with default timeouts; the one that wins the flight is killed (SIGKILL) while the vendor keeps
 * it waiting. Another member fetches once the dead winner's lease ends, and every member gets its token.
 */
class KilledWinnerTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();


    @Test
    void anotherMemberTakesOverWhenTheWinnerIsKilledMidFlight() throws Exception {
        TokenAnswers.firstRequestHangs(vendor, "t2");

        try (LoopbackCluster cluster = new LoopbackCluster()) {
            List<MemberProcess> members = cluster.startProcesses(3, vendor.baseUrl() + "/token", null);
            MemberProcess winner = members.get(0);
            MemberProcess second = members.get(1);
            MemberProcess third = members.get(2);
            winner.go();
            eventually("the first member is asking the vendor",
                    () -> TokenAnswers.tokenCalls(vendor) == 1);
            winner.kill();
            second.go();
            third.go();

            eventually("the others got their tokens", Duration.ofSeconds(90),
                    () -> second.tokens() >= 5 && third.tokens() >= 5);
            assertThat(second.failures()).isEmpty();
            assertThat(third.failures()).isEmpty();
            assertThat(TokenAnswers.tokenCalls(vendor)).as("the hung request and one more").isEqualTo(2);
        }
    }
}
