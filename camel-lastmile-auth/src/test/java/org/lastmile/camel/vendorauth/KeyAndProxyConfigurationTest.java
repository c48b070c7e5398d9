package org.lastmile.camel.vendorauth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lastmile.camel.vendorauth.test.LogCapture;
import org.lastmile.camel.vendorauth.test.RouteRunner;
import org.lastmile.camel.vendorauth.test.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keys, algorithms and proxies that cannot work fail at start-up with a message naming the option, and never quote a key
 * or a proxy password. A plain-http token URL beyond loopback is allowed, with a warning.
 */
class KeyAndProxyConfigurationTest {

    private static final String PROXY_PASSWORD = "proxy-Pw-HIDE-31";
    private static final String BASE = "vendorauth:oauth2?tokenUrl=https://127.0.0.1:1/token&clientId=orders";

    @TempDir
    Path keys;

    /** The messages of the start-up failure and all its causes; none of them may quote {@code secrets}. */
    private static String startupError(String uri, String... secrets) {
        StringBuilder chain = new StringBuilder();
        assertThatThrownBy(() -> new RouteRunner(uri, r -> { }).close()).satisfies(failure -> {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                chain.append(t.getMessage()).append('\n');
            }
        });
        for (String secret : secrets) {
            assertThat(chain.toString()).doesNotContain(secret);
        }
        return chain.toString();
    }

    private static String pemBody(String pem) {
        return pem.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();
    }

    @Test
    void anUnreadableKeyFileIsNamed() {
        assertThat(startupError(BASE + "&clientAuthentication=private_key_jwt&clientAssertionKey=file:"
                + keys.resolve("missing.pem"))).contains("Option clientAssertionKey: cannot read file:");
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheWayOut() {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAtopsecret\n-----END RSA PRIVATE KEY-----";
        assertThat(startupError(BASE + "&clientAuthentication=private_key_jwt&clientAssertionKey=RAW(" + pkcs1 + ")",
                "MIIEowIBAAKCAQEAtopsecret")).contains("Option clientAssertionKey: a PEM 'RSA PRIVATE KEY' is not supported")
                .contains("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void textThatIsNeitherKeyNorUriIsNotQuoted() {
        String raw = Base64.getEncoder().encodeToString(TestPki.rsa().getPrivate().getEncoded());
        assertThat(startupError(BASE + "&clientAuthentication=private_key_jwt&clientAssertionKey=RAW(" + raw + ")",
                raw.substring(0, 40))).contains("Option clientAssertionKey is neither a PEM private key, a JWK nor a"
                + " resource URI");
    }

    @Test
    void aPublicJwkIsNotASigningKey() {
        String jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}";
        assertThat(startupError(BASE + "&clientAuthentication=private_key_jwt&clientAssertionKey=RAW(" + jwk + ")"))
                .contains("Option clientAssertionKey: the JWK holds no private key");
    }

    @Test
    void anAlgorithmThatDoesNotFitTheKeyIsNamed() throws Exception {
        KeyPair rsa = TestPki.rsa();
        Path pem = keys.resolve("rsa.pem");
        Files.writeString(pem, TestPki.pkcs8Pem(rsa));
        assertThat(startupError(BASE + "&clientAuthentication=private_key_jwt&clientAssertionKey=file:" + pem
                + "&clientAssertionAlgorithm=ES256", pemBody(TestPki.pkcs8Pem(rsa))))
                .contains("Option clientAssertionAlgorithm: ES256 needs an EC key, not RSA");
    }

    @Test
    void anEcKeyOffP256CannotSignES256() throws Exception {
        Path pem = keys.resolve("p384.pem");
        Files.writeString(pem, TestPki.pkcs8Pem(TestPki.ec("secp384r1")));
        assertThat(startupError(BASE + "&clientAuthentication=private_key_jwt&clientAssertionKey=file:" + pem))
                .contains("Option clientAssertionKey: ES256 needs an EC key on P-256");
    }

    @Test
    void clientSecretJwtNeedsALongEnoughSecret() {
        assertThat(startupError(BASE + "&clientAuthentication=client_secret_jwt&clientSecret=RAW(short-Secret-9)",
                "short-Secret-9")).contains("Option clientSecret must be at least 32 bytes for client_secret_jwt");
    }

    @Test
    void anUnknownAlgorithmIsNamed() {
        assertThat(startupError(BASE + "&clientAuthentication=client_secret_jwt&clientSecret="
                + "a-client-secret-of-at-least-32-bytes&clientAssertionAlgorithm=none"))
                .contains("Option clientAssertionAlgorithm has an unknown value 'none'; expected one of: RS256, PS256,"
                        + " ES256, HS256");
    }

    @Test
    void tlsClientAuthWithoutSslContextParametersIsNamed() {
        assertThat(startupError(BASE + "&clientAuthentication=tls_client_auth"))
                .contains("Option sslContextParameters needs key managers with a client certificate");
    }

    @ParameterizedTest
    @CsvSource({ "0", "65536", "-1" })
    void aProxyPortOutOfRangeIsNamed(String port) {
        assertThat(startupError(BASE + "&clientSecret=s&proxyHost=127.0.0.1&proxyPort=" + port
                + "&proxyAuthUsername=egress&proxyAuthPassword=RAW(" + PROXY_PASSWORD + ")", PROXY_PASSWORD))
                .contains("Option proxyPort must be between 1 and 65535, not " + port);
    }

    @Test
    void proxyCredentialsWithoutAProxyAreRefused() {
        assertThat(startupError(BASE + "&clientSecret=s&proxyAuthUsername=egress&proxyAuthPassword=RAW("
                + PROXY_PASSWORD + ")", PROXY_PASSWORD)).contains("Option proxyAuthUsername needs proxyHost");
    }

    @Test
    void aProxyHostWithoutPortIsNamed() {
        assertThat(startupError(BASE + "&clientSecret=s&proxyHost=127.0.0.1"))
                .contains("Option proxyPort is required with proxyHost");
    }

    @Test
    void aPlainHttpTokenUrlBeyondLoopbackLogsOneWarning() throws Exception {
        try (LogCapture logs = new LogCapture();
             RouteRunner route = new RouteRunner("vendorauth:oauth2?tokenUrl=http://tokens.example/token"
                     + "&clientId=orders&clientSecret=s3cret", r -> { })) {
            assertThat(route.camel().getRoutes()).hasSize(1);
            // the capture sees an event once per logger configuration it passes: count distinct lines
            assertThat(logs.lines().stream().filter(line -> line.contains("plain http")).distinct())
                    .singleElement().asString().contains("http://tokens.example").contains("clear text");
        }
    }

    @Test
    void aPlainHttpTokenUrlOnLoopbackLogsNoWarning() throws Exception {
        try (LogCapture logs = new LogCapture();
             RouteRunner route = new RouteRunner("vendorauth:oauth2?tokenUrl=http://127.0.0.1:1/token"
                     + "&clientId=orders&clientSecret=s3cret", r -> { })) {
            assertThat(route.camel().getRoutes()).hasSize(1);
            assertThat(logs.lines()).noneMatch(line -> line.contains("plain http"));
        }
    }
}
