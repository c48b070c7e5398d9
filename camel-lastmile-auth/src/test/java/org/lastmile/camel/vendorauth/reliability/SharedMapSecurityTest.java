package org.lastmile.camel.vendorauth.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.internal.profile.Client;
import org.lastmile.camel.vendorauth.internal.profile.ClientAuthentication;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.KeyMaterialTest;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.HazelcastTokenStore;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.ManagerFixture;

import org.lastmile.camel.vendorauth.test.StoreFlights;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the shared map gives away to a member that reaches it (Community Edition lets any member in): a member with other
 * credentials, or with none, reads neither a token nor whose it is, and a value it writes (another credential's, or
 * forged) is never adopted as a token.
 */
class SharedMapSecurityTest {

    private static final String TOKEN_OF_A = "a-Token-9c1e";
    private static final String SECRET_OF_A = "a-Secret-77f0";

    private final LoopbackCluster cluster = new LoopbackCluster();
    private final HazelcastInstance first = cluster.startMember();
    private final HazelcastInstance second = cluster.startMember();
    private final HazelcastTokenStore storeOfA = store(first);
    private final HazelcastTokenStore storeOfB = store(second);
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final TokenKey keyOfA = credential(SECRET_OF_A).key();
    private final TokenKey keyOfB = credential("b-Secret-4d2a").key();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        storeOfA.close();
        storeOfB.close();
        cluster.close();
    }

    private static HazelcastTokenStore store(HazelcastInstance member) {
        return new HazelcastTokenStore(member, Duration.ofSeconds(5), Duration.ofSeconds(2), Clock.systemUTC());
    }

    /** The same client of the same vendor but for its secret: what a neighbour with other credentials would hold. */
    private static Credential credential(String secret) {
        Credential base = ManagerFixture.request("http://127.0.0.1:1/token");
        return new Credential(base.profile(), base.endpoint(), base.grant(),
                new Client("orders", secret, ClientAuthentication.BASIC, null), base.parameters(), base.expiry(),
                base.refresh(), null, null);
    }

    private static AccessToken token(String value) {
        Instant now = Instant.now();
        return new AccessToken(value, "Bearer", now.plus(Duration.ofHours(1)), null, null, now);
    }

    private AccessToken fetch(HazelcastTokenStore store, TokenKey key, String value) throws Exception {
        return StoreFlights.fetch(store, key, current -> current != null, current -> token(value), executor).get(20, TimeUnit.SECONDS);
    }

    @Test
    void anotherCredentialOrNoneLearnsNeitherTheTokenNorWhoseItIs() throws Exception {
        fetch(storeOfA, keyOfA, TOKEN_OF_A);

        assertThat(keyOfB.id()).as("another secret, another entry").isNotEqualTo(keyOfA.id());
        assertThat(storeOfB.get(keyOfB)).isNull();
        IMap<Object, Object> raw = second.getMap(HazelcastTokenStore.TOKENS_MAP);
        assertThat(raw.keySet()).containsExactly(keyOfA.id());
        for (Map.Entry<Object, Object> entry : raw.entrySet()) {
            String seen = entry.getKey() + new String((byte[]) entry.getValue(), StandardCharsets.ISO_8859_1);
            assertThat(seen).doesNotContain(TOKEN_OF_A).doesNotContain(SECRET_OF_A).doesNotContain("orders")
                    .doesNotContain("Bearer");
        }
    }

    @Test
    void aValueSealedForAnotherCredentialOrForgedIsNeverAdopted() throws Exception {
        fetch(storeOfA, keyOfA, TOKEN_OF_A);
        fetch(storeOfB, keyOfB, "b-Token-3e88");
        IMap<String, byte[]> raw = second.getMap(HazelcastTokenStore.TOKENS_MAP);
        byte[] genuine = raw.get(keyOfA.id());

        byte[] tampered = genuine.clone();
        tampered[tampered.length - 1] ^= 1;
        for (byte[] planted : new byte[][] { raw.get(keyOfB.id()), tampered, "forged".getBytes(StandardCharsets.UTF_8) }) {
            raw.put(keyOfA.id(), planted);
            assertThat(storeOfA.get(keyOfA)).as("read back").isNull();
            AtomicInteger fetched = new AtomicInteger();
            AccessToken got = StoreFlights.fetch(storeOfA, keyOfA, current -> current != null, current -> {
                fetched.incrementAndGet();
                return token("fresh-" + fetched.get());
            }, executor).get(20, TimeUnit.SECONDS);
            assertThat(fetched).as("fetched instead of adopting what was planted").hasValue(1);
            assertThat(got.value()).startsWith("fresh-");
        }
    }

    @Test
    void aCredentialWithoutASecretIsOpenedAndWrittenOnlyWithItsSealingKey() throws Exception {
        TokenKey victim = KeyMaterialTest.withoutSecret("vault-Key-31d0", Map.of(), Set.of()).key();
        // the outsider knows everything public of the credential, and guesses the rest
        TokenKey outsider = KeyMaterialTest.withoutSecret("guessed", Map.of(), Set.of()).key();
        fetch(storeOfA, victim, TOKEN_OF_A);
        fetch(storeOfB, outsider, "outsiders-Token");

        assertThat(outsider.id()).as("the victim's entry is not found under the outsider's id").isNotEqualTo(victim.id());
        IMap<String, byte[]> raw = second.getMap(HazelcastTokenStore.TOKENS_MAP);
        byte[] victims = raw.get(victim.id());
        byte[] outsiders = raw.get(outsider.id());
        raw.put(outsider.id(), victims);
        assertThat(storeOfB.get(outsider)).as("the victim's token copied where the outsider can open it").isNull();

        raw.put(victim.id(), outsiders);
        AtomicInteger fetched = new AtomicInteger();
        AccessToken sent = StoreFlights.fetch(storeOfA, victim, current -> current != null, current -> {
            fetched.incrementAndGet();
            return token("fresh");
        }, executor).get(20, TimeUnit.SECONDS);
        assertThat(sent.value()).as("never the outsider's token").isEqualTo("fresh");
        assertThat(fetched).hasValue(1);
    }
}
