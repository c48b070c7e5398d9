package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/**
 * A port of the member range held by a program that is not Hazelcast (here a plain server socket that accepts and never
 * answers) is skipped: members start beside it and still find each other. With every port held, start-up fails at once,
 * naming the options that move the member. The timeouts guard against the old behaviour, a join stalled for minutes.
 * Members that formed clusters of their own merge within seconds.
 */
class EmbeddedHazelcastTest {

    private final String cluster = "vendorauth-test-" + UUID.randomUUID();
    private final int port = 20000 + 10 * ThreadLocalRandom.current().nextInt(3000);

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aPortHeldByAnotherProgramIsSkippedAndMembersStillJoin() throws IOException {
        try (ServerSocket other = holding(port)) {
            HazelcastInstance first = EmbeddedHazelcast.start(cluster, port, 4, "127.0.0.1");
            try {
                HazelcastInstance second = EmbeddedHazelcast.start(cluster, port, 4, "127.0.0.1");
                try {
                    assertThat(first.getCluster().getLocalMember().getAddress().getPort()).isNotEqualTo(port);
                    eventually("two members in one cluster", () -> first.getCluster().getMembers().size() == 2
                            && second.getCluster().getMembers().size() == 2);
                } finally {
                    second.getLifecycleService().terminate();
                }
            } finally {
                first.getLifecycleService().terminate();
            }
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void everyPortHeldFailsNamingTheOptions() throws IOException {
        try (ServerSocket one = holding(port); ServerSocket two = holding(port + 1)) {
            assertThatThrownBy(() -> EmbeddedHazelcast.start(cluster, port, 2, "127.0.0.1"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ports " + port + "-" + (port + 1))
                    .hasMessageContaining("hazelcastPort").hasMessageContaining("tokenStore");
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void membersThatStartedApartMergeWithinSecondsNotMinutes() {
        // the first knows the second's port, where nobody listens yet; the second knows only itself: two clusters
        HazelcastInstance first = Hazelcast.newHazelcastInstance(
                EmbeddedHazelcast.config(cluster, port, 1, "127.0.0.1:" + port + ",127.0.0.1:" + (port + 1)));
        try {
            HazelcastInstance second = Hazelcast.newHazelcastInstance(
                    EmbeddedHazelcast.config(cluster, port + 1, 1, "127.0.0.1:" + (port + 1)));
            try {
                // Hazelcast's own first check would come after five minutes, past this test's patience
                eventually("the first member's split-brain check found the second, and they merged",
                        Duration.ofSeconds(90), () -> first.getCluster().getMembers().size() == 2
                                && second.getCluster().getMembers().size() == 2);
            } finally {
                second.getLifecycleService().terminate();
            }
        } finally {
            first.getLifecycleService().terminate();
        }
    }

    private static ServerSocket holding(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }
}
