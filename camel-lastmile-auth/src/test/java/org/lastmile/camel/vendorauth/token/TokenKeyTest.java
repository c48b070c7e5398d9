package org.lastmile.camel.vendorauth.token;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.profile.BodyFormat;
import org.lastmile.camel.vendorauth.profile.ClientAuthentication;
import org.lastmile.camel.vendorauth.profile.ExpiresInUnit;
import org.lastmile.camel.vendorauth.profile.GrantType;
import org.lastmile.camel.vendorauth.profile.VendorProfile;

import static org.assertj.core.api.Assertions.assertThat;

public class TokenKeyTest {

    public static TokenRequest request(String clientId, String secret, Map<String, String> parameters) {
        return new TokenRequest("oauth2", URI.create("http://127.0.0.1:1/token"), URI.create("http://127.0.0.1:1/token"),
                GrantType.CLIENT_CREDENTIALS, ClientAuthentication.BASIC, BodyFormat.FORM, clientId, secret, null, null,
                parameters, new VendorProfile.ExpiryRules(ExpiresInUnit.SECONDS, Duration.ofMinutes(5),
                        Duration.ofSeconds(1), Duration.ofDays(1), null),
                new VendorProfile.RefreshRules(true, null, null, List.of()));
    }

    @Test
    void sameCredentialSameKeyOnEveryMember() {
        assertThat(TokenKey.of(request("orders", "s3cret", Map.of("scope", "a"))))
                .isEqualTo(TokenKey.of(request("orders", "s3cret", Map.of("scope", "a"))));
    }

    @Test
    void everythingThatShapesTheRequestChangesTheKey() {
        TokenKey base = TokenKey.of(request("orders", "s3cret", Map.of("scope", "a")));
        assertThat(TokenKey.of(request("orders", "s3cret", Map.of("scope", "b")))).isNotEqualTo(base);
        assertThat(TokenKey.of(request("billing", "s3cret", Map.of("scope", "a")))).isNotEqualTo(base);
        assertThat(TokenKey.of(request("orders", "other", Map.of("scope", "a")))).isNotEqualTo(base);
    }

    @Test
    void keyRevealsNothingOfTheCredential() {
        TokenKey key = TokenKey.of(request("orders-client", "s3cret-value", Map.of()));
        assertThat(key.id()).matches("[0-9a-f]{40}").doesNotContain("orders").doesNotContain("s3cret");
        assertThat(key.toString()).doesNotContain("orders-client").doesNotContain("s3cret");
        assertThat(key.sealingKey()).hasSize(32);
    }
}
