package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Refresh tokens live as long as the vendor lets them: through idle spells and refusals, until the vendor refuses them. */
class RefreshTokenRulesTest {

    private static final String PRIMARY = "grant_type=client_credentials";
    private static final String REFRESH = "grant_type=refresh_token";

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private final ManagerFixture fixture = new ManagerFixture(Duration.ofSeconds(5), PolicySettings.DEFAULT, 2, null);
    private final TokenSource source = fixture.manager().source(ManagerFixture.request(vendor.baseUrl() + "/token"));

    @AfterEach
    void stop() throws InterruptedException {
        fixture.close();
    }

    /** A new access token and a new refresh token (unstated lifetime) on every call. */
    private static ResponseDefinitionBuilder rotating(String prefix) {
        return TokenAnswers.json(200, "{\"access_token\":\"" + prefix + "-{{randomValue length=12 type='ALPHANUMERIC'}}\","
                + "\"token_type\":\"Bearer\",\"expires_in\":100,\"refresh_token\":\"r-{{randomValue length=12"
                + " type='ALPHANUMERIC'}}\"}").withTransformers("response-template");
    }

    private static int requests(String grant) {
        return vendor.findAll(postRequestedFor(urlEqualTo("/token")).withRequestBody(containing(grant))).size();
    }

    private String token() throws Exception {
        return source.await().get(20, TimeUnit.SECONDS).token().value();
    }

    @Test
    void anIdleSpellPastExpiryRenewsWithTheRefreshToken() throws Exception {
        vendor.stubFor(post("/token").withRequestBody(equalTo(PRIMARY)).willReturn(rotating("primary")));
        vendor.stubFor(post("/token").withRequestBody(containing(REFRESH)).willReturn(rotating("refreshed")));
        token();

        fixture.clock().advance(Duration.ofHours(20));

        assertThat(token()).startsWith("refreshed-");
        assertThat(requests(PRIMARY)).isEqualTo(1);
        assertThat(requests(REFRESH)).isEqualTo(1);
    }

    @Test
    void renewalsOfABusyCredentialUseTheRefreshTokenEvenAfterRefusedAccessTokens() throws Exception {
        vendor.stubFor(post("/token").withRequestBody(equalTo(PRIMARY)).willReturn(rotating("primary")));
        vendor.stubFor(post("/token").withRequestBody(containing(REFRESH)).willReturn(rotating("refreshed")));
        token();

        // ten lifetimes of 100 s tokens, an exchange every second, and an API that refuses the token now and then
        for (int second = 1; second <= 1000; second++) {
            fixture.clock().advance(Duration.ofSeconds(1));
            LocalToken current = source.tryNow();
            if (current == null || second % 170 == 0) {
                if (current != null) {
                    source.invalidate(current.token().value()).get(20, TimeUnit.SECONDS);
                }
                assertThat(token()).startsWith("refreshed-");
            }
            fixture.settle();
        }
        assertThat(requests(PRIMARY)).as("only the very first token").isEqualTo(1);
        assertThat(requests(REFRESH)).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aRefusedRefreshTokenIsNotOfferedAgain() throws Exception {
        vendor.stubFor(post("/token").withRequestBody(equalTo(PRIMARY))
                .willReturn(TokenAnswers.token("t1", 100, "r1")));
        token();
        vendor.stubFor(post("/token").withRequestBody(containing(REFRESH))
                .willReturn(TokenAnswers.json(400, "{\"error\":\"invalid_grant\"}")));
        vendor.stubFor(post("/token").withRequestBody(equalTo(PRIMARY))
                .willReturn(TokenAnswers.json(503, "{\"error\":\"temporarily_unavailable\"}")));
        fixture.clock().advance(Duration.ofSeconds(100));

        assertThatThrownBy(this::token).hasMessageContaining("temporarily_unavailable");
        assertThatThrownBy(this::token).hasMessageContaining("temporarily_unavailable");
        assertThat(requests(REFRESH)).as("refused once, not offered again").isEqualTo(1);
        assertThat(requests(PRIMARY)).isEqualTo(3);

        vendor.stubFor(post("/token").withRequestBody(equalTo(PRIMARY)).willReturn(TokenAnswers.token("t2", 100)));
        assertThat(token()).isEqualTo("t2");
    }
}
