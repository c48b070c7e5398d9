package org.lastmile.camel.vendorauth.cache;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/**
 * Three JVMs form a cluster; the one that wins the flight is killed (SIGKILL) while the vendor keeps it waiting, well within
 * its 20 s response timeout. Another member fetches (its marker is cleared when the cluster sees the member leave, at the
 * latest when the marker's time to live ends), and every member gets its token.
 */
class KilledWinnerTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private final List<Member> members = new ArrayList<>();

    /** A child JVM and the lines it printed. */
    private record Member(Process process, List<String> lines) {
        long tokens() {
            return lines.stream().filter(line -> line.startsWith("TOKEN")).count();
        }

        List<String> failures() {
            return lines.stream().filter(line -> line.startsWith("FAILED")).toList();
        }
    }

    private Member start(LoopbackCluster cluster) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ClusterMemberMain.class.getName(), cluster.name(), String.valueOf(cluster.port()),
                vendor.baseUrl() + "/token", "20000").redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        Member member = new Member(process, lines);
        members.add(member);
        eventually("member started", () -> lines.contains("STARTED") || !process.isAlive());
        assertThat(process.isAlive()).as("member JVM alive; it printed %s", lines).isTrue();
        return member;
    }

    @AfterEach
    void stopMembers() {
        members.forEach(member -> member.process().destroyForcibly());
    }

    @Test
    void anotherMemberTakesOverWhenTheWinnerIsKilledMidFlight() throws Exception {
        // the first token request hangs far beyond anybody's patience; the next ones are answered at once
        vendor.stubFor(post("/token").inScenario("flight").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(TokenAnswers.token("never", 3600).withFixedDelay(60_000)).willSetStateTo("hung"));
        vendor.stubFor(post("/token").inScenario("flight").whenScenarioStateIs("hung")
                .willReturn(TokenAnswers.token("t2", 3600)));

        try (LoopbackCluster cluster = new LoopbackCluster()) {
            Member winner = start(cluster);
            eventually("the first member is asking the vendor",
                    () -> vendor.findAll(postRequestedFor(urlEqualTo("/token"))).size() == 1);
            Member second = start(cluster);
            Member third = start(cluster);

            winner.process().destroyForcibly().waitFor();

            eventually("the others got their tokens", () -> second.tokens() >= 5 && third.tokens() >= 5);
            assertThat(second.failures()).isEmpty();
            assertThat(third.failures()).isEmpty();
            assertThat(vendor.findAll(postRequestedFor(urlEqualTo("/token")))).as("the hung request and one more")
                    .hasSize(2);
        }
    }
}
