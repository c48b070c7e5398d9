package org.lastmile.camel.vendorauth.internal.profile;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.spi.TokenKey;

import static org.assertj.core.api.Assertions.assertThat;

public class TokenKeyTest {

    public static Credential request(String clientId, String secret, Map<String, String> parameters) {
        return new Credential("oauth2", TokenEndpoint.of(URI.create("http://127.0.0.1:1/token"), BodyFormat.FORM),
                new Grant.ClientCredentials(), new Client(clientId, secret, ClientAuthentication.BASIC, null),
                RequestParameters.of(parameters), ManagerFixture.SECONDS, ManagerFixture.REFRESH, null, null);
    }

    @Test
    void sameCredentialSameKeyOnEveryMember() {
        assertThat(request("orders", "s3cret", Map.of("scope", "a")).key())
                .isEqualTo(request("orders", "s3cret", Map.of("scope", "a")).key());
    }

    @Test
    void everythingThatShapesTheRequestChangesTheKey() {
        TokenKey base = request("orders", "s3cret", Map.of("scope", "a")).key();
        assertThat(request("orders", "s3cret", Map.of("scope", "b")).key()).isNotEqualTo(base);
        assertThat(request("billing", "s3cret", Map.of("scope", "a")).key()).isNotEqualTo(base);
        assertThat(request("orders", "other", Map.of("scope", "a")).key()).isNotEqualTo(base);
    }

    @Test
    void keyRevealsNothingOfTheCredential() {
        TokenKey key = request("orders-client", "s3cret-value", Map.of()).key();
        assertThat(key.id()).matches("[0-9a-f]{40}").doesNotContain("orders").doesNotContain("s3cret");
        assertThat(key.toString()).doesNotContain("orders-client").doesNotContain("s3cret");
        assertThat(key.sealingKey()).hasSize(32);
    }
}
