package org.lastmile.camel.vendorauth.spi;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryTokenStoreTest extends TokenStoreContract {

    private final InMemoryTokenStore store = new InMemoryTokenStore();

    @Override
    protected TokenStore store() {
        return store;
    }

    @Test
    void aFailureInForceAnswersClaimsUntilItsRetryAt() throws Exception {
        MutableClock clock = new MutableClock(ManagerFixture.START);
        InMemoryTokenStore timed = new InMemoryTokenStore(clock);
        FailureState failing = new FailureState(new TokenEndpointException("test", 503, null, "Maintenance", null, null),
                3, ManagerFixture.START.plusSeconds(10));
        ((Claim.Won) timed.claim(key, t -> false).get(5, TimeUnit.SECONDS)).lease().fail(failing);

        assertThat(timed.claim(key, t -> false).get(5, TimeUnit.SECONDS)).as("a party that never asked hears the words")
                .isEqualTo(new Claim.Failed(failing));
        clock.advance(Duration.ofSeconds(10));
        assertThat(timed.claim(key, t -> false).get(5, TimeUnit.SECONDS)).isInstanceOf(Claim.Won.class);
    }
}
