package org.lastmile.camel.vendorauth.internal.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.internal.profile.TokenKeyTest;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.HazelcastTokenStore;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.test.StoreFlights;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/**
 * The shared store, else this JVM's: on a Hazelcast client whose cluster goes away and comes back. While Hazelcast does
 * not answer, tokens come from the local store; once it answers again and the spell on its own is over, they are shared
 * again.
 */
class FallbackTokenStoreTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final TokenKey key = TokenKeyTest.request("orders", "secret-" + System.nanoTime(), Map.of()).key();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static HazelcastInstance client(LoopbackCluster cluster) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster.name());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().addAddress("127.0.0.1:" + cluster.port());
        // while the cluster is away the client answers at once that it is offline, and looks for it again soon
        ClientConnectionStrategyConfig strategy = config.getConnectionStrategyConfig();
        strategy.setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ASYNC);
        strategy.getConnectionRetryConfig().setInitialBackoffMillis(100).setMaxBackoffMillis(500)
                .setClusterConnectTimeoutMillis(Long.MAX_VALUE);
        return HazelcastClient.newHazelcastClient(config);
    }

    private static boolean answers(HazelcastInstance client) {
        try {
            client.getMap(HazelcastTokenStore.TOKENS_MAP).size();
            return true;
        } catch (RuntimeException offline) {
            return false;
        }
    }

    private AccessToken fetch(FallbackTokenStore store, String value) throws Exception {
        Instant now = Instant.now();
        return StoreFlights.fetch(store, key, token -> false,
                current -> new AccessToken(value, "Bearer", now.plusSeconds(3600), null, null, now), executor)
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void tokensComeFromThisJvmWhileHazelcastIsAwayAndAreSharedAgainOnceItAnswers() throws Exception {
        try (LoopbackCluster cluster = new LoopbackCluster()) {
            HazelcastInstance member = cluster.startMember();
            HazelcastInstance client = client(cluster);
            MutableClock clock = new MutableClock(Instant.now());
            try (FallbackTokenStore store = new FallbackTokenStore(new HazelcastTokenStore(client, Duration.ofSeconds(17),
                    Duration.ofMillis(500), Clock.systemUTC()), new InMemoryTokenStore(), clock)) {
                assertThat(fetch(store, "shared-1").value()).isEqualTo("shared-1");
                assertThat(member.getMap(HazelcastTokenStore.TOKENS_MAP).containsKey(key.id())).isTrue();

                member.getLifecycleService().terminate();
                assertThat(fetch(store, "local-1").value()).as("fetched in this JVM").isEqualTo("local-1");
                assertThat(store.onOwn()).isTrue();
                assertThat(store.get(key).value()).isEqualTo("local-1");

                HazelcastInstance back = cluster.startMember();
                eventually("Hazelcast answers the client again", Duration.ofMinutes(1), () -> answers(client));
                clock.advance(Duration.ofSeconds(6));

                assertThat(fetch(store, "shared-2").value()).isEqualTo("shared-2");
                assertThat(store.onOwn()).as("back on the shared map").isFalse();
                try (HazelcastTokenStore reader = new HazelcastTokenStore(back, Duration.ofSeconds(17),
                        Duration.ofSeconds(2), Clock.systemUTC())) {
                    assertThat(reader.get(key).value()).as("written to the cluster").isEqualTo("shared-2");
                }
            } finally {
                client.shutdown();
            }
        }
    }
}
