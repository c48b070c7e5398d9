package org.lastmile.camel.vendorauth.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.EmbeddedHazelcast;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.HazelcastTokenStore;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.CamelApplications.authorization;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/**
 * A split brain and its merge, the way Community Edition allows: two clusters of one name that do not know each other,
 * one member alone and two together, until the lone member's split-brain check finds the pair (its join list names them,
 * theirs does not name it) and it merges into them. Each side fetches once while split; after the merge the shared map
 * holds one token, and nobody asks the vendor again.
 */
class SplitBrainTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private final String clusterName = "vendorauth-split-" + UUID.randomUUID();
    private final int port = 20000 + 10 * ThreadLocalRandom.current().nextInt(3000);
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<CamelContext> applications = new ArrayList<>();

    @AfterEach
    void stop() {
        applications.forEach(CamelContext::stop);
        members.forEach(member -> member.getLifecycleService().terminate());
    }

    /** A member on its own port that joins only the ports listed, and looks for other clusters every few seconds. */
    private HazelcastInstance member(int own, int... joins) {
        String joinList = Arrays.stream(joins).mapToObj(other -> "127.0.0.1:" + (port + other))
                .collect(Collectors.joining(","));
        Config config = EmbeddedHazelcast.config(clusterName, port + own, 1, joinList);
        // the split lasts until the first check: long enough for both sides to start and fetch
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "15");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "3");
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        members.add(member);
        return member;
    }

    private CamelContext application(HazelcastInstance member) throws Exception {
        CamelContext camel = CamelApplications.start(CamelApplications.sharingThrough(member), CamelApplications.apiRoute(
                "vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + "/token&clientId=orders&clientSecret=RAW(split-Secret)"));
        applications.add(camel);
        return camel;
    }

    @Test
    void eachSideFetchesOnceAndTheMergeKeepsOneToken() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.freshToken(3600)));
        // the lone side knows where the pair lives; the pair, started after it, does not know it
        HazelcastInstance lone = member(0, 0, 1, 2);
        HazelcastInstance pairFirst = member(1, 1, 2);
        member(2, 1, 2);
        assertThat(lone.getCluster().getMembers()).as("split: alone").hasSize(1);
        assertThat(pairFirst.getCluster().getMembers()).as("split: the pair").hasSize(2);

        CamelContext loneSide = application(lone);
        CamelContext pairSide = application(pairFirst);
        for (int i = 0; i < 20; i++) {
            authorization(loneSide);
            authorization(pairSide);
        }
        assertThat(tokenCalls(vendor)).as("one fetch per side").isEqualTo(2);

        eventually("the split-brain check merged the lone member into the pair",
                () -> lone.getCluster().getMembers().size() == 3);
        eventually("one token in the shared map",
                () -> pairFirst.getMap(HazelcastTokenStore.TOKENS_MAP).size() == 1);
        for (int i = 0; i < 20; i++) {
            authorization(loneSide);
            authorization(pairSide);
        }
        assertThat(tokenCalls(vendor)).as("no fetch after the merge").isEqualTo(2);
    }
}
