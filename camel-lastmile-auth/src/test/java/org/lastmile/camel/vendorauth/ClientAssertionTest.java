package org.lastmile.camel.vendorauth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.camel.vendorauth.test.AssertionChecks;
import org.lastmile.camel.vendorauth.test.RouteRunner;
import org.lastmile.camel.vendorauth.test.TestPki;
import org.lastmile.camel.vendorauth.test.TokenServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed client assertions (RFC 7523) as a token server sees them: signature, kid, iss, sub, aud, exp, a jti never seen
 * before, and no secret. Keys are made for the test; three fetches (the token dropped between them) give three assertions.
 */
class ClientAssertionTest {

    private static final String SECRET = "a-client-secret-of-at-least-32-bytes!";

    @TempDir
    Path keys;
    private TokenServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Three fetches through the route, the token invalidated after each of the first two. */
    private List<TokenServer.Request> threeFetches(String options) throws Exception {
        server = TokenServer.http();
        String uri = "vendorauth:oauth2?tokenUrl=" + server.tokenUrl() + "&clientId=orders" + options;
        try (RouteRunner route = new RouteRunner(uri, r -> { })) {
            for (int fetch = 1; fetch <= 3; fetch++) {
                Exchange exchange = route.enrich();
                assertThat(exchange.getException()).isNull();
                String bearer = exchange.getMessage().getHeader("Authorization", String.class);
                assertThat(bearer).isEqualTo("Bearer issued-" + fetch);
                assertThat(route.send(uri + "&operation=invalidate", bearer).getMessage()
                        .getHeader(VendorAuthConstants.INVALIDATED, Boolean.class)).isTrue();
            }
        }
        assertThat(server.requests()).hasSize(3);
        return server.requests();
    }

    private void assertThreeFreshAssertions(List<TokenServer.Request> requests, JWSVerifier verifier, String algorithm,
                                            String keyId, String audience, Duration lifetime) throws Exception {
        List<String> ids = new ArrayList<>();
        for (TokenServer.Request request : requests) {
            ids.add(AssertionChecks.verify(request, verifier, algorithm, keyId, "orders", audience, lifetime));
            assertThat(request.form()).containsEntry("client_id", "orders");
        }
        assertThat(ids).as("a jti never seen before, every time").doesNotHaveDuplicates();
    }

    /** The private key written as PEM PKCS#8 to a file of the test's, as the option's resource URI. */
    private String pemFile(KeyPair rsa) throws Exception {
        Path pem = keys.resolve("client.pem");
        Files.writeString(pem, TestPki.pkcs8Pem(rsa));
        return "file:" + pem;
    }

    @Test
    void privateKeyJwtWithAnRsaKeyFromAPemFile() throws Exception {
        KeyPair rsa = TestPki.rsa();
        List<TokenServer.Request> requests = threeFetches("&clientAuthentication=private_key_jwt&clientAssertionKey="
                + pemFile(rsa) + "&clientAssertionKeyId=orders-2026");
        assertThreeFreshAssertions(requests, new RSASSAVerifier((RSAPublicKey) rsa.getPublic()), "RS256",
                "orders-2026", server.tokenUrl(), Duration.ofSeconds(60));
    }

    @Test
    void privateKeyJwtWithPs256AndAnAudienceAndLifetimeOfItsOwn() throws Exception {
        KeyPair rsa = TestPki.rsa();
        List<TokenServer.Request> requests = threeFetches("&clientAuthentication=private_key_jwt&clientAssertionKey="
                + pemFile(rsa) + "&clientAssertionAlgorithm=PS256&clientAssertionAudience=https://idp.example/&"
                + "clientAssertionLifetime=30s");
        assertThreeFreshAssertions(requests, new RSASSAVerifier((RSAPublicKey) rsa.getPublic()), "PS256", null,
                "https://idp.example/", Duration.ofSeconds(30));
    }

    @Test
    void privateKeyJwtWithAnEcJwkGivenAsText() throws Exception {
        KeyPair ec = TestPki.ec("secp256r1");
        ECKey jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) ec.getPublic()).privateKey(ec.getPrivate())
                .keyID("ec-key-1").build();
        List<TokenServer.Request> requests = threeFetches("&clientAuthentication=private_key_jwt&clientAssertionKey=RAW("
                + jwk.toJSONString() + ")");
        // the JWK's own kid is the default
        assertThreeFreshAssertions(requests, new ECDSAVerifier((ECPublicKey) ec.getPublic()), "ES256", "ec-key-1",
                server.tokenUrl(), Duration.ofSeconds(60));
    }

    @Test
    void clientSecretJwtSignsWithTheSecretAndNeverSendsIt() throws Exception {
        List<TokenServer.Request> requests = threeFetches("&clientAuthentication=client_secret_jwt&clientSecret=RAW("
                + SECRET + ")");
        assertThreeFreshAssertions(requests, new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)), "HS256", null,
                server.tokenUrl(), Duration.ofSeconds(60));
        assertThat(requests).allSatisfy(request -> assertThat(request.form().values()).doesNotContain(SECRET));
    }

    @Test
    void theNamesIdentityProvidersPrintAreAliases() throws Exception {
        server = TokenServer.http();
        String base = "vendorauth:oauth2?tokenUrl=" + server.tokenUrl() + "&clientId=orders&clientSecret=s3cret";
        try (RouteRunner route = new RouteRunner(base + "&clientAuthentication=client_secret_post", r -> { })) {
            assertThat(route.enrich().getException()).isNull();
        }
        try (RouteRunner route = new RouteRunner(base + "&clientAuthentication=client_secret_basic", r -> { })) {
            assertThat(route.enrich().getException()).isNull();
        }
        assertThat(server.requests().get(0).form()).containsEntry("client_secret", "s3cret");
        assertThat(server.requests().get(0).authorization()).isNull();
        assertThat(server.requests().get(1).form()).doesNotContainKey("client_secret");
        assertThat(server.requests().get(1).authorization()).startsWith("Basic ");
    }
}
