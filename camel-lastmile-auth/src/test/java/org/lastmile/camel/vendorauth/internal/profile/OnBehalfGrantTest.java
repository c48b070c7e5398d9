package org.lastmile.camel.vendorauth.internal.profile;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.test.ManagerFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The grants on behalf of a caller: the subject token read (its {@code exp}, never shown), written as RFC 8693 and RFC 7523
 * say, part of the credential's key and of its sealing key, and bounding what is obtained with it.
 */
class OnBehalfGrantTest {

    private static final Instant EXP = Instant.parse("2030-01-01T00:00:00Z");

    /** An unsigned JWT (the signature is the server's business) with that {@code exp}, padded to about a kilobyte. */
    static String jwt(Instant exp, String user) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"sub\":\"" + user + "\",\"exp\":" + exp.getEpochSecond() + ",\"pad\":\"" + "x".repeat(700)
                + "\"}";
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    private static Credential credential(Grant grant) {
        return new Credential("oauth2", TokenEndpoint.of(URI.create("http://127.0.0.1:1/token"), BodyFormat.FORM), grant,
                new Client("gateway", "gateway-secret", ClientAuthentication.BASIC, null), RequestParameters.of(Map.of()),
                ManagerFixture.SECONDS, ManagerFixture.REFRESH, null, null);
    }

    @Test
    void aJwtSubjectsExpIsReadAndItsTextNeverShown() {
        String token = jwt(EXP, "alice");
        SubjectToken subject = SubjectToken.of(token);

        assertThat(subject.expiresAt()).isEqualTo(EXP);
        assertThat(subject.toString()).doesNotContain(token.substring(token.lastIndexOf('.')))
                .doesNotContain(token.substring(0, 20));
        assertThat(SubjectToken.of("opaque-token-value").expiresAt()).isNull();
        assertThat(SubjectToken.of("not.a.jwt").expiresAt()).isNull();
        assertThatThrownBy(() -> SubjectToken.of("x".repeat(SubjectToken.MAX_LENGTH + 1)))
                .hasMessageNotContaining("xxxx");
    }

    @Test
    void anAuthorizationHeadersBearerTokenIsReadWithoutKeepingACopy() {
        String token = jwt(EXP, "alice");
        String header = "bearer  " + token + " ";

        SubjectToken subject = SubjectToken.ofBearer(header);

        assertThat(subject.value()).isEqualTo(token);
        assertThat(subject.expiresAt()).isEqualTo(EXP);
        assertThat(subject).isEqualTo(SubjectToken.of(token));
        assertThat(SubjectToken.ofBearer("Basic " + token)).isNull();
        assertThat(SubjectToken.ofBearer("Bearer   ")).isNull();
        assertThat(SubjectToken.ofBearer(null)).isNull();
    }

    @Test
    void tokenExchangeAndJwtBearerWriteTheirParameters() {
        SubjectToken subject = SubjectToken.of(jwt(EXP, "alice"));
        Map<String, String> exchange = new LinkedHashMap<>();
        new Grant.TokenExchange(Grant.TokenExchange.ACCESS_TOKEN_TYPE, "urn:ietf:params:oauth:token-type:jwt", subject)
                .writeTo(exchange);
        assertThat(exchange).containsExactly(Map.entry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
                Map.entry("subject_token", subject.value()),
                Map.entry("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"),
                Map.entry("requested_token_type", "urn:ietf:params:oauth:token-type:jwt"));

        Map<String, String> bearer = new LinkedHashMap<>();
        new Grant.JwtBearer(subject).writeTo(bearer);
        assertThat(bearer).containsExactly(Map.entry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                Map.entry("assertion", subject.value()));

        assertThatThrownBy(() -> new Grant.JwtBearer(null).writeTo(new LinkedHashMap<>()))
                .as("a configured credential, without subject, is never sent").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void grantTypesAreNamedByOptionOrByUrn() {
        assertThat(GrantType.fromOption("token_exchange")).isEqualTo(GrantType.TOKEN_EXCHANGE);
        assertThat(GrantType.fromOption("urn:ietf:params:oauth:grant-type:token-exchange"))
                .isEqualTo(GrantType.TOKEN_EXCHANGE);
        assertThat(GrantType.fromOption("jwt_bearer")).isEqualTo(GrantType.JWT_BEARER);
        assertThat(GrantType.fromOption(" urn:ietf:params:oauth:grant-type:jwt-bearer")).isEqualTo(GrantType.JWT_BEARER);
    }

    @Test
    void eachSubjectMakesACredentialOfItsOwnKeyedAndSealedWithIt() {
        Grant.OnBehalf configured = new Grant.TokenExchange(Grant.TokenExchange.ACCESS_TOKEN_TYPE, null, null);
        Credential alice = credential(configured.withSubject(SubjectToken.of(jwt(EXP, "alice"))));
        Credential aliceAgain = credential(configured.withSubject(SubjectToken.of(jwt(EXP, "alice"))));
        Credential bob = credential(configured.withSubject(SubjectToken.of(jwt(EXP, "bob"))));

        assertThat(alice.key()).as("the same subject token on another member").isEqualTo(aliceAgain.key());
        assertThat(alice.key()).isNotEqualTo(bob.key());
        assertThat(alice.key().sealingKey()).isNotEqualTo(bob.key().sealingKey());
        assertThat(alice.key().sealingKey()).as("the client secret alone does not open a caller's token")
                .isNotEqualTo(credential(configured).key().sealingKey());
        assertThat(alice.toString()).doesNotContain(jwt(EXP, "alice").substring(0, 40));
        assertThat(alice.secrets()).contains(jwt(EXP, "alice"));
    }

    @Test
    void aResultNeverOutlivesItsSubjectAndIsNotRefreshedAheadWhenItEndsWithIt() {
        Instant now = Instant.now();
        Grant.OnBehalf grant = new Grant.TokenExchange(Grant.TokenExchange.ACCESS_TOKEN_TYPE, null,
                SubjectToken.of(jwt(now.plusSeconds(3), "brief")));
        AccessToken answered = new AccessToken("result", "Bearer", now.plusSeconds(60), "refresh", null, now);

        AccessToken bounded = grant.bounded(answered);

        assertThat(bounded.expiresAt()).isEqualTo(Instant.ofEpochSecond(now.plusSeconds(3).getEpochSecond()));
        assertThat(bounded.refreshToken()).as("renewing is asking again with the subject").isNull();
        assertThat(grant.renewable(bounded)).isFalse();
        AccessToken shorter = new AccessToken("result", "Bearer", now.plusSeconds(1), null, null, now);
        assertThat(grant.bounded(shorter)).isSameAs(shorter);
        assertThat(grant.renewable(shorter)).isTrue();
    }
}
