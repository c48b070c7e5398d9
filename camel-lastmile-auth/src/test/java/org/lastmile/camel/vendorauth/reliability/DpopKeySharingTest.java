package org.lastmile.camel.vendorauth.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.HazelcastTokenStore;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.DpopKey;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.test.StoreFlights;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DPoP-bound token and its key travel together in the one sealed entry of the credential: the member that adopts the
 * token adopts its key, and the shared map holds neither the private key nor its JWK in the clear.
 */
class DpopKeySharingTest {

    private final LoopbackCluster cluster = new LoopbackCluster();
    private final HazelcastInstance first = cluster.startMember();
    private final HazelcastInstance second = cluster.startMember();
    private final HazelcastTokenStore storeOnFirst = store(first);
    private final HazelcastTokenStore storeOnSecond = store(second);
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final TokenKey key = ManagerFixture.request("http://127.0.0.1:1/token").key();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        storeOnFirst.close();
        storeOnSecond.close();
        cluster.close();
    }

    private static HazelcastTokenStore store(HazelcastInstance member) {
        return new HazelcastTokenStore(member, Duration.ofSeconds(5), Duration.ofSeconds(2), Clock.systemUTC());
    }

    @Test
    void theMemberThatAdoptsTheTokenAdoptsItsKeyAndTheMapHoldsNoKeyInTheClear() throws Exception {
        DpopKey made = DpopKey.generate();
        Instant now = Instant.now();
        AccessToken bound = new AccessToken("bound-Token-5e1", "DPoP", now.plus(Duration.ofHours(1)), null, null, now,
                made);
        StoreFlights.fetch(storeOnFirst, key, current -> current != null, current -> bound, executor)
                .get(20, TimeUnit.SECONDS);

        AccessToken adopted = storeOnSecond.get(key);
        assertThat(adopted.value()).isEqualTo(bound.value());
        assertThat(adopted.dpopKey()).isEqualTo(made);
        assertThat(adopted.dpopKey().privateKey().getS()).isEqualTo(made.privateKey().getS());
        assertThat(adopted.toString()).contains(made.thumbprint()).doesNotContain(made.toPrivateJwk());

        String d = ECKey.parse(made.toPrivateJwk()).getD().toString();
        IMap<Object, Object> raw = second.getMap(HazelcastTokenStore.TOKENS_MAP);
        assertThat(raw.size()).isPositive();
        for (Object value : raw.values()) {
            String seen = new String((byte[]) value, StandardCharsets.ISO_8859_1);
            assertThat(seen).doesNotContain(d).doesNotContain("\"d\"").doesNotContain(made.thumbprint())
                    .doesNotContain(bound.value());
        }
    }
}
