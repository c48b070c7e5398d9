package org.lastmile.camel.vendorauth.reliability;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.MemberProcess;
import org.lastmile.camel.vendorauth.test.TokenAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/**
 * Three JVMs form a cluster with the component's default timeouts; the one that wins the flight is frozen (SIGSTOP) while
 * the vendor keeps it waiting, as a long GC pause or a suspended VM would freeze it: alive to the network, silent. The
 * others start their exchanges only then, and each gets its first token within 5 s (the frozen winner's lease ends within
 * 3 s; a call to a partition the frozen member owns ends with the store's 2 s timeout and a fetch of this JVM's own), no
 * exchange of theirs fails, the vendor sees a handful of requests, and the thawed member (SIGCONT) goes on with a token,
 * failing none of the exchanges it held (its lease was lost: it claims again and takes the token the others got).
 * Run twice: the bound must hold each time.
 */
class FrozenWinnerTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    /** The bound on what a frozen winner may cost a live member, with default timeouts. */
    private static final long BOUND_MILLIS = 5000;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Logger LOG = LoggerFactory.getLogger(FrozenWinnerTest.class);


    @RepeatedTest(2)
    void theOthersWaitAtMostFiveSecondsWhenTheWinnerIsFrozenMidFlightAndItRecoversWhenThawed() throws Exception {
        TokenAnswers.firstRequestHangs(vendor, "t2");

        try (LoopbackCluster cluster = new LoopbackCluster()) {
            List<MemberProcess> members = cluster.startProcesses(3, vendor.baseUrl() + "/token", null);
            MemberProcess winner = members.get(0);
            MemberProcess second = members.get(1);
            MemberProcess third = members.get(2);

            winner.go();
            eventually("the first member is asking the vendor", () -> TokenAnswers.tokenCalls(vendor) == 1);
            // within the default 5 s connect and 10 s response timeouts: its request still waits
            winner.freeze();
            assertThat(winner.tokens()).as("frozen while its request waits, before it had a token").isZero();
            second.go();
            third.go();

            eventually("the others got their tokens", PATIENCE, () -> second.tokens() >= 5 && third.tokens() >= 5);
            LOG.info("Frozen winner: the live members' longest waits were {} ms and {} ms; {} token requests",
                    second.longestWaitMillis(), third.longestWaitMillis(), TokenAnswers.tokenCalls(vendor));
            assertThat(second.failures()).isEmpty();
            assertThat(third.failures()).isEmpty();
            assertThat(second.longestWaitMillis()).as("longest wait on a live member").isLessThanOrEqualTo(BOUND_MILLIS);
            assertThat(third.longestWaitMillis()).as("longest wait on a live member").isLessThanOrEqualTo(BOUND_MILLIS);
            assertThat(winner.tokens()).as("frozen: not a line").isZero();

            winner.thaw();
            eventually("the thawed member goes on with a token", PATIENCE, () -> winner.tokens() >= 5);
            assertThat(winner.failures()).as("the thawed member looks at the cluster before failing what it held;"
                    + " its last lines: %s", winner.lastLines(60)).isEmpty();
            // the hung request, and one per member at most for the others and the thawed one
            assertThat(TokenAnswers.tokenCalls(vendor)).isBetween(2, 4);
        }
    }
}
