package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.time.Clock;
import java.time.Duration;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.TokenStore;
import org.lastmile.camel.vendorauth.spi.TokenStoreContract;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;

import org.lastmile.camel.vendorauth.test.StoreFlights;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract on a real two-member cluster: the store under test on one member, tokens checked from the other. */
class HazelcastTokenStoreTest extends TokenStoreContract {

    private static LoopbackCluster cluster;
    private static HazelcastInstance first;
    private static HazelcastInstance second;

    private final HazelcastTokenStore store = new HazelcastTokenStore(first, Duration.ofSeconds(5), Duration.ofSeconds(2),
            Clock.systemUTC());

    @BeforeAll
    static void startCluster() {
        cluster = new LoopbackCluster();
        first = cluster.startMember();
        second = cluster.startMember();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void closeStore() {
        store.close();
        first.getMap(HazelcastTokenStore.TOKENS_MAP).clear();
        first.getMap(HazelcastTokenStore.FLIGHTS_MAP).clear();
    }

    @Override
    protected TokenStore store() {
        return store;
    }

    @Test
    void aTokenWrittenThroughOneMemberIsReadThroughAnother() throws Exception {
        try (HazelcastTokenStore other = new HazelcastTokenStore(second, Duration.ofSeconds(5), Duration.ofSeconds(2),
                Clock.systemUTC())) {
            StoreFlights.fetch(store, key, t -> false, current -> token("shared", Duration.ofHours(1)), executor).get();
            AccessToken seen = other.get(key);
            assertThat(seen.value()).isEqualTo("shared");
        }
    }

    @Test
    void theMapHoldsNeitherTheCredentialNorTheToken() throws Exception {
        StoreFlights.fetch(store, key, t -> false, current -> token("plain-token-text", Duration.ofHours(1)), executor).get();
        IMap<String, byte[]> tokens = second.getMap(HazelcastTokenStore.TOKENS_MAP);
        assertThat(tokens.keySet()).containsExactly(key.id());
        String value = new String(tokens.get(key.id()), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(value).doesNotContain("plain-token-text").doesNotContain("orders").doesNotContain("Bearer");
    }

    @Test
    void theMapsCarryTheStoresConfiguration() {
        var config = second.getConfig().getMapConfig(HazelcastTokenStore.TOKENS_MAP);
        assertThat(config.getBackupCount()).as("no write waits for a backup").isZero();
        assertThat(config.getAsyncBackupCount()).isEqualTo(1);
        assertThat(config.getMergePolicyConfig().getPolicy()).endsWith("ExpirationTimeMergePolicy");
    }
}
