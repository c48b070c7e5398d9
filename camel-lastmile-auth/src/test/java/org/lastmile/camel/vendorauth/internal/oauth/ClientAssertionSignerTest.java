package org.lastmile.camel.vendorauth.internal.oauth;

import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.internal.profile.AssertionAlgorithm;
import org.lastmile.camel.vendorauth.internal.profile.BodyFormat;
import org.lastmile.camel.vendorauth.internal.profile.ClientAssertion;
import org.lastmile.camel.vendorauth.internal.profile.ClientAuthentication;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.ExpiresInUnit;
import org.lastmile.camel.vendorauth.internal.profile.GrantType;
import org.lastmile.camel.vendorauth.internal.profile.TokenTransport;
import org.lastmile.camel.vendorauth.internal.profile.VendorProfile;
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
            Credential credential = new Credential("test", url, url, GrantType.CLIENT_CREDENTIALS,
                    ClientAuthentication.PRIVATE_KEY_JWT, BodyFormat.FORM, "orders", null, null, null, Map.of(),
                    new VendorProfile.ExpiryRules(ExpiresInUnit.SECONDS, Duration.ofMinutes(5), Duration.ofSeconds(1),
                            Duration.ofDays(1), null),
                    new VendorProfile.RefreshRules(true, null, null, List.of()), null,
                    new ClientAssertion(AssertionAlgorithm.RS256, rsa.getPrivate(), "k1", url.toString(),
                            Duration.ofSeconds(60)), TokenTransport.JVM_DEFAULTS);
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
