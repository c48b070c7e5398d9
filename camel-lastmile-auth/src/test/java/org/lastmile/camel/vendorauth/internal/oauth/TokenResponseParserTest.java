package org.lastmile.camel.vendorauth.internal.oauth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.internal.profile.ExpiresInUnit;
import org.lastmile.camel.vendorauth.internal.profile.VendorProfile.ExpiryRules;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lastmile.camel.vendorauth.test.Encodings.unsignedJwt;

class TokenResponseParserTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final ExpiryRules SECONDS = new ExpiryRules(ExpiresInUnit.SECONDS, Duration.ofMinutes(5),
            Duration.ofSeconds(1), Duration.ofDays(1), null);

    private final TokenResponseParser parser = new TokenResponseParser();

    private AccessToken parse(String json, ExpiryRules rules) {
        return parser.parseToken("test", 200, json.getBytes(StandardCharsets.UTF_8), rules, NOW, List.of());
    }

    @Test
    void expiresInAsNumberInSeconds() {
        AccessToken token = parse("{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":3600}", SECONDS);
        assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(token.type()).isEqualTo("bearer");
        assertThat(token.obtainedAt()).isEqualTo(NOW);
    }

    @Test
    void expiresInAsStringAndFraction() {
        assertThat(parse("{\"access_token\":\"a\",\"expires_in\":\" 120 \"}", SECONDS).expiresAt())
                .isEqualTo(NOW.plusSeconds(120));
        assertThat(parse("{\"access_token\":\"a\",\"expires_in\":1.5}", SECONDS).expiresAt())
                .isEqualTo(NOW.plusMillis(1500));
    }

    @Test
    void expiresInInMillisecondsWhenTheProfileSaysSo() {
        ExpiryRules millis = SECONDS.withUnit(ExpiresInUnit.MILLISECONDS);
        assertThat(parse("{\"access_token\":\"a\",\"expires_in\":86400000}", millis).expiresAt())
                .isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void jwtExpWinsOverExpiresIn() {
        String token = unsignedJwt(NOW.plusSeconds(600).getEpochSecond());
        assertThat(parse("{\"access_token\":\"" + token + "\",\"expires_in\":3600}", SECONDS).expiresAt())
                .isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void defaultLifetimeWhenNeitherIsThere() {
        assertThat(parse("{\"access_token\":\"opaque\"}", SECONDS).expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(parse("{\"access_token\":\"opaque\",\"expires_in\":\"soon\"}", SECONDS).expiresAt())
                .isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void absurdLifetimesAreClamped() {
        assertThat(parse("{\"access_token\":\"a\",\"expires_in\":0}", SECONDS).expiresAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(parse("{\"access_token\":\"a\",\"expires_in\":-30}", SECONDS).expiresAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(parse("{\"access_token\":\"a\",\"expires_in\":99999999}", SECONDS).expiresAt())
                .isEqualTo(NOW.plus(Duration.ofDays(1)));
        String expired = unsignedJwt(NOW.minusSeconds(60).getEpochSecond());
        assertThat(parse("{\"access_token\":\"" + expired + "\"}", SECONDS).expiresAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void refreshTokenWithItsLifetimeFromTheAnswerOrTheProfile() {
        AccessToken fromAnswer = parse("{\"access_token\":\"a\",\"expires_in\":60,\"refresh_token\":\"r\","
                + "\"refresh_expires_in\":1800}", SECONDS);
        assertThat(fromAnswer.refreshToken()).isEqualTo("r");
        assertThat(fromAnswer.refreshTokenExpiresAt()).isEqualTo(NOW.plusSeconds(1800));

        ExpiryRules ninetyDays = new ExpiryRules(ExpiresInUnit.SECONDS, Duration.ofMinutes(5), Duration.ofSeconds(1),
                Duration.ofDays(1), Duration.ofDays(90));
        AccessToken fromProfile = parse("{\"access_token\":\"a\",\"expires_in\":60,\"refresh_token\":\"r\"}", ninetyDays);
        assertThat(fromProfile.refreshTokenExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        assertThat(fromProfile.keepUntil()).isEqualTo(NOW.plus(Duration.ofDays(90)));

        AccessToken none = parse("{\"access_token\":\"a\",\"expires_in\":60,\"refresh_token\":\"\"}", SECONDS);
        assertThat(none.refreshToken()).isNull();
    }

    @Test
    void aRefreshTokenOfUnstatedLifetimeOutlivesItsAccessTokenByDays() {
        AccessToken unstated = parse("{\"access_token\":\"a\",\"expires_in\":3600,\"refresh_token\":\"r\"}", SECONDS);

        assertThat(unstated.refreshTokenExpiresAt())
                .isEqualTo(NOW.plus(TokenResponseParser.DEFAULT_REFRESH_TOKEN_LIFETIME));
        assertThat(TokenResponseParser.DEFAULT_REFRESH_TOKEN_LIFETIME).isGreaterThanOrEqualTo(Duration.ofDays(1));
        assertThat(unstated.keepUntil()).as("a store keeps the entry for the refresh token")
                .isEqualTo(unstated.refreshTokenExpiresAt());
        assertThat(unstated.hasUsableRefreshToken(NOW.plus(Duration.ofDays(2)))).isTrue();
    }

    @Test
    void aSuccessThatIsNoTokenIsAnError() {
        assertThatThrownBy(() -> parse("<html>maintenance</html>", SECONDS))
                .isInstanceOf(TokenEndpointException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parse("{\"token\":\"a\"}", SECONDS))
                .isInstanceOf(TokenEndpointException.class).hasMessageContaining("no access_token");
        assertThatThrownBy(() -> parse("[1,2]", SECONDS)).isInstanceOf(TokenEndpointException.class);
    }

    private TokenEndpointException error(int status, String body, String... secrets) {
        return parser.parseError("test", status, body.getBytes(StandardCharsets.UTF_8), null, List.of(secrets));
    }

    @Test
    void vendorErrorShapes() {
        TokenEndpointException rfc = error(400, "{\"error\":\"invalid_client\",\"error_description\":\"Unknown client\"}");
        assertThat(rfc.getStatus()).isEqualTo(400);
        assertThat(rfc.getError()).isEqualTo("invalid_client");
        assertThat(rfc.getMessage()).isEqualTo(
                "Token endpoint of profile 'test' answered HTTP 400: invalid_client - Unknown client");

        TokenEndpointException codeMessage = error(415, "{\"code\":415,\"message\":\"Only application/json is allowed.\"}");
        assertThat(codeMessage.getMessage()).contains("HTTP 415").contains("Only application/json is allowed.");

        assertThat(error(401, "{\"statusCode\":401,\"message\":\"Token expired.\"}").getVendorMessage())
                .isEqualTo("Token expired.");
        assertThat(error(502, "<html>Bad gateway</html>").getMessage()).contains("HTTP 502").contains("not JSON")
                .doesNotContain("<html>");
        assertThat(error(503, "").getMessage()).isEqualTo("Token endpoint of profile 'test' answered HTTP 503");
    }

    @Test
    void echoedSecretsAreMasked() {
        TokenEndpointException echoed = error(401,
                "{\"error\":\"invalid_client\",\"error_description\":\"secret 'hunter2-secret' is wrong\"}",
                "hunter2-secret");
        assertThat(echoed.getMessage()).doesNotContain("hunter2-secret").contains("****");
    }

    @Test
    void grantRejectionIsRecognised() {
        assertThat(error(400, "{\"error\":\"invalid_grant\"}").isGrantRejected()).isTrue();
        assertThat(error(401, "{}").isGrantRejected()).isTrue();
        assertThat(error(503, "{}").isGrantRejected()).isFalse();
    }

    @Test
    void anErrorAnsweredWithStatus200KeepsTheVendorsWordsWithoutSecrets() {
        byte[] body = "{\"error\":\"invalid_client\",\"error_description\":\"secret s3 is wrong\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parseToken("test", 200, body, SECONDS, NOW, List.of("s3")))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.getError()).isEqualTo("invalid_client");
                    assertThat(e.getMessage()).endsWith("HTTP 200: invalid_client - secret **** is wrong (the answer has no"
                            + " access_token)");
                });
    }

    @Test
    void aJwtExpBeyondWhatTimeCanHoldIsClampedOrIgnoredNeverThrown() {
        // seconds whose milliseconds overflow a long: clamped to the profile's maximum
        assertThat(parse("{\"access_token\":\"" + unsignedJwt(9_223_373_804_080_376L) + "\"}", SECONDS).lifetime())
                .isEqualTo(Duration.ofDays(1));
        // beyond the last representable instant: the exp is ignored and expires_in used
        assertThat(parse("{\"access_token\":\"" + unsignedJwt(Long.MAX_VALUE) + "\",\"expires_in\":60}", SECONDS).lifetime())
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anErrorAnswerNeverRepeatsTheTokensItCarries() {
        TokenEndpointException e = error(400, "{\"access_token\":\"at-93\",\"refresh_token\":\"rt-17\","
                + "\"error\":\"invalid_grant\",\"error_description\":\"at-93 and rt-17 are revoked\"}");
        assertThat(e.getMessage()).endsWith("invalid_grant - **** and **** are revoked");
    }
}
