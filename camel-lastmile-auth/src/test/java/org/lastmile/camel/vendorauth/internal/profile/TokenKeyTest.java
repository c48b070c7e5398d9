package org.lastmile.camel.vendorauth.internal.profile;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.spi.TokenKey;

import static org.assertj.core.api.Assertions.assertThat;

public class TokenKeyTest {

    public static Credential request(String clientId, String secret, Map<String, String> parameters) {
        return new Credential("oauth2", URI.create("http://127.0.0.1:1/token"), URI.create("http://127.0.0.1:1/token"),
                GrantType.CLIENT_CREDENTIALS, ClientAuthentication.BASIC, BodyFormat.FORM, clientId, secret, null, null,
                parameters, new VendorProfile.ExpiryRules(ExpiresInUnit.SECONDS, Duration.ofMinutes(5),
                        Duration.ofSeconds(1), Duration.ofDays(1), null),
                new VendorProfile.RefreshRules(true, null, null, List.of()), null);
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
