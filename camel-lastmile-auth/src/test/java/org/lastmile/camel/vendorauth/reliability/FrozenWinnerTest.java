package org.lastmile.camel.vendorauth.reliability;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.MemberProcess;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/**
 * Three JVMs form a cluster; the one that wins the flight is frozen (SIGSTOP) while the vendor keeps it waiting, as a long
 * GC pause or a suspended VM would freeze it: alive to the network, silent. The others get their tokens all the same (the
 * winner's marker ends with its time to live; calls to partitions the frozen member owns end with the store's timeout and
 * a fetch of their own), the vendor sees a handful of requests, not a storm, and the thawed member (SIGCONT) goes on with
 * the cluster's token.
 */
class FrozenWinnerTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    /**
     * Long enough that the winner's request still waits when it is frozen, however long the other two JVMs take to start on
     * a busy machine; shorter than the vendor's 60 s hang.
     */
    private static final long RESPONSE_TIMEOUT_MILLIS = 45_000;

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private MemberProcess start(LoopbackCluster cluster) throws Exception {
        return cluster.startProcess(vendor.baseUrl() + "/token", RESPONSE_TIMEOUT_MILLIS);
    }

    @Test
    void theOthersGoOnWhenTheWinnerIsFrozenMidFlightAndItRecoversWhenThawed() throws Exception {
        TokenAnswers.firstRequestHangs(vendor, "t2");

        try (LoopbackCluster cluster = new LoopbackCluster()) {
            MemberProcess winner = start(cluster);
            eventually("the first member is asking the vendor", () -> tokenCalls(vendor) == 1);
            // both at once, so that the winner's request still waits when it is frozen
            CompletableFuture<MemberProcess> second = CompletableFuture.supplyAsync(() -> startQuietly(cluster));
            CompletableFuture<MemberProcess> third = CompletableFuture.supplyAsync(() -> startQuietly(cluster));
            MemberProcess others = second.get(60, TimeUnit.SECONDS);
            MemberProcess more = third.get(60, TimeUnit.SECONDS);

            winner.freeze();
            assertThat(winner.tokens()).as("frozen while its request waits, before it had a token").isZero();
            assertThat(tokenCalls(vendor)).as("the hung request is the only one so far").isEqualTo(1);
            long frozenTokens = winner.tokens();
            // bounded by the winner's marker (connect + response timeout + 2 s), on a machine that may be busy
            eventually("the others got their tokens", PATIENCE, () -> others.tokens() >= 5 && more.tokens() >= 5);
            assertThat(others.failures()).isEmpty();
            assertThat(more.failures()).isEmpty();
            assertThat(winner.tokens()).as("frozen: not a line").isEqualTo(frozenTokens);

            winner.thaw();
            eventually("the thawed member goes on with a token", PATIENCE, () -> winner.tokens() >= frozenTokens + 5);
            // the hung request, and one per member at most for the others and the thawed one
            assertThat(tokenCalls(vendor)).isBetween(2, 4);
        }
    }

    private MemberProcess startQuietly(LoopbackCluster cluster) {
        try {
            return start(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("a member did not start", e);
        }
    }
}
