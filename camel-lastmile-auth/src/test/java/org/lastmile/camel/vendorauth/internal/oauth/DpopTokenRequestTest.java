package org.lastmile.camel.vendorauth.internal.oauth;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.simulators.DpopVendor;
import org.lastmile.camel.simulators.SimulatorServer;
import org.lastmile.camel.simulators.VendorCredentials;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.DpopPolicy;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.DpopKey;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.test.ManagerFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token requests of a DPoP credential against the strict simulator: the proof, the nonce, the binding, the key kept. */
class DpopTokenRequestTest {

    private final SimulatorServer server = new SimulatorServer();
    private final DpopVendor vendor = server.add(new DpopVendor(VendorCredentials.client("id", "secret"),
            Clock.systemUTC()));
    private final TokenClient client = new TokenClient(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Clock.systemUTC());

    DpopTokenRequestTest() throws Exception {
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private Credential credential(DpopPolicy dpop) {
        Credential base = ManagerFixture.request(vendor.tokenUrl());
        return new Credential(base.profile(), base.endpoint(), base.grant(), base.client(), base.parameters(),
                base.expiry(), base.refresh(), null, null, dpop);
    }

    @Test
    void theTokenIsBoundToTheProofsKeyAndTheNonceCostsOneRetry() {
        vendor.requireTokenNonce(true);
        DpopKey key = DpopKey.generate();

        AccessToken token = client.requestToken(credential(new DpopPolicy(null, false)), key);

        assertThat(token.dpopKey()).isEqualTo(key);
        assertThat(vendor.boundThumbprint(vendor.lastIssued())).isEqualTo(key.thumbprint());
        assertThat(vendor.tokenCalls()).isEqualTo(2);
        assertThat(vendor.tokenNonceChallenges()).isEqualTo(1);

        client.requestToken(credential(new DpopPolicy(null, false)), key);
        assertThat(vendor.tokenCalls()).as("the nonce remembered: no challenge the second time").isEqualTo(3);
    }

    @Test
    void aRenewalKeepsTheKeyOfTheTokenItReplaces() {
        Credential credential = credential(new DpopPolicy(null, false));
        GrantStrategy grants = new GrantStrategy(client, Clock.systemUTC());
        GrantStrategy.Attempts none = new GrantStrategy.Attempts() {
            @Override
            public void refreshing() {
            }

            @Override
            public void requesting() {
            }
        };
        AccessToken first = grants.fetch(credential, null, none, refused -> { });
        AccessToken second = grants.fetch(credential, first, none, refused -> { });

        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(second.dpopKey()).isEqualTo(first.dpopKey());
        assertThat(vendor.proofsByThumbprint()).containsOnlyKeys(first.dpopKey().thumbprint());
    }

    @Test
    void aBearerAnswerFailsUnlessAllowed() {
        vendor.answerBearer(true);

        assertThatThrownBy(() -> client.requestToken(credential(new DpopPolicy(null, false)), DpopKey.generate()))
                .isInstanceOf(TokenEndpointException.class)
                .hasMessageContaining("token_type Bearer").hasMessageContaining("dpopAllowBearer");
        AccessToken allowed = client.requestToken(credential(new DpopPolicy(null, true)), DpopKey.generate());
        assertThat(allowed.dpopKey()).isNull();
    }
}
