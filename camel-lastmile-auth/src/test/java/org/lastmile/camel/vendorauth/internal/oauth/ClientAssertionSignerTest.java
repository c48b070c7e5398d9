package org.lastmile.camel.vendorauth.internal.oauth;

import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.internal.profile.TokenEndpoint;
import org.lastmile.camel.vendorauth.internal.profile.RequestParameters;
import org.lastmile.camel.vendorauth.internal.profile.Grant;
import org.lastmile.camel.vendorauth.internal.profile.Client;
import org.lastmile.camel.vendorauth.internal.profile.AssertionAlgorithm;
import org.lastmile.camel.vendorauth.internal.profile.BodyFormat;
import org.lastmile.camel.vendorauth.internal.profile.ClientAssertion;
import org.lastmile.camel.vendorauth.internal.profile.ClientAuthentication;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.test.AssertionChecks;
import org.lastmile.camel.vendorauth.test.TestPki;
import org.lastmile.camel.vendorauth.test.TokenServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Every token request of a private_key_jwt credential carries a fresh assertion: primary grants and refreshes alike. */
class ClientAssertionSignerTest {

    @Test
    void refreshRequestsCarryAFreshAssertionToo() throws Exception {
        KeyPair rsa = TestPki.rsa();
        try (TokenServer server = TokenServer.http();
             TokenClient client = new TokenClient(Duration.ofSeconds(5), Duration.ofSeconds(5), 2, Clock.systemUTC())) {
            URI url = URI.create(server.tokenUrl());
            Credential credential = new Credential("test", TokenEndpoint.of(url, BodyFormat.FORM),
                    new Grant.ClientCredentials(), new Client("orders", null, ClientAuthentication.PRIVATE_KEY_JWT,
                            new ClientAssertion(AssertionAlgorithm.RS256, rsa.getPrivate(), "k1", url.toString(),
                                    Duration.ofSeconds(60))),
                    RequestParameters.NONE, ManagerFixture.SECONDS, ManagerFixture.REFRESH, null, null);
            AccessToken first = client.requestToken(credential);
            AccessToken withRefresh = new AccessToken(first.value(), "Bearer", first.expiresAt(), "rt-1", null,
                    first.obtainedAt());
            client.refreshToken(credential, withRefresh);
            client.requestToken(credential);

            List<String> ids = new ArrayList<>();
            for (TokenServer.Request request : server.requests()) {
                ids.add(AssertionChecks.verify(request, new RSASSAVerifier((RSAPublicKey) rsa.getPublic()), "RS256", "k1",
                        "orders", url.toString(), Duration.ofSeconds(60)));
            }
            assertThat(server.requests()).extracting(request -> request.form().get("grant_type"))
                    .containsExactly("client_credentials", "refresh_token", "client_credentials");
            assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        }
    }
}
