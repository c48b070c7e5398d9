package org.lastmile.camel.examples;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Three member JVMs form one cluster and share the tokens: the sandbox issues one per token lifetime for all three. */
class ClusterDemoTest {

    private static final Pattern MEMBER = Pattern.compile("MEMBER \\d calls=(\\d+) failed=(\\d+) fetched=\\d+ shared=(\\d+)");

    @Test
    void threeJvmsShareTheirTokens() throws Exception {
        ClusterDemo.Result result = ClusterDemo.run(Duration.ofSeconds(10), Duration.ofSeconds(4));

        assertThat(result.members()).hasSize(3);
        int sharing = 0;
        for (String line : result.members()) {
            Matcher member = MEMBER.matcher(line);
            assertThat(member.matches()).as(line).isTrue();
            assertThat(Integer.parseInt(member.group(1))).as("calls of " + line).isPositive();
            assertThat(member.group(2)).as("failed calls of " + line).isEqualTo("0");
            if (Integer.parseInt(member.group(3)) > 0) {
                sharing++;
            }
        }
        // members that join later find the token in the cluster; a member alone would never take one from it
        assertThat(sharing).as("members that took tokens from the cluster").isGreaterThanOrEqualTo(2);
        // 4 s tokens renewed 2 s ahead: alone, each member would need one every 2 s of its 10 s, 15 for the three
        assertThat(result.tokenCalls()).isBetween(1, 9);
    }
}
