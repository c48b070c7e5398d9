package org.lastmile.camel.vendorauth;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.test.RouteRunner;
import org.lastmile.camel.vendorauth.test.TestPki;
import org.lastmile.camel.vendorauth.test.TokenServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Token endpoints behind a private CA, and requiring a client certificate: real TLS servers on loopback, with keys and
 * certificates made for the test.
 */
class TlsTokenEndpointTest {

    private final TestPki pki = new TestPki("Private Test CA");
    private TokenServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static String uri(TokenServer server, String options) {
        return "vendorauth:oauth2?tokenUrl=" + server.tokenUrl() + "&clientId=orders&clientSecret=s3cret" + options;
    }

    @Test
    void aPrivateCaIsTrustedThroughSslContextParameters() throws Exception {
        server = TokenServer.https(pki.serverContext(pki.server()), false);
        try (RouteRunner route = new RouteRunner(uri(server, "&sslContextParameters=#tls"),
                r -> r.camel().getRegistry().bind("tls", pki.clientParameters(null)))) {
            Exchange exchange = route.enrich();
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader("Authorization")).isEqualTo("Bearer issued-1");
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void theContextsGlobalParametersServeWhenTheComponentIsToldSo() throws Exception {
        server = TokenServer.https(pki.serverContext(pki.server()), false);
        try (RouteRunner route = new RouteRunner(uri(server, ""), r -> {
            r.camel().setSSLContextParameters(pki.clientParameters(null));
            r.component().setUseGlobalSslContextParameters(true);
        })) {
            assertThat(route.enrich().getMessage().getHeader("Authorization")).isEqualTo("Bearer issued-1");
        }
    }

    @Test
    void withoutTrustForThePrivateCaTheHandshakeFailsAndNothingIsSent() throws Exception {
        server = TokenServer.https(pki.serverContext(pki.server()), false);
        // the global parameters exist but the component is not told to use them
        try (RouteRunner route = new RouteRunner(uri(server, ""),
                r -> r.camel().setSSLContextParameters(pki.clientParameters(null)))) {
            Exchange exchange = route.enrich();
            assertThat(exchange.getException()).isInstanceOf(TokenEndpointException.class)
                    .hasMessageContaining("SSLHandshakeException talking to https://127.0.0.1:" + server.port());
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aServerCertificateForAnotherHostIsRefused() throws Exception {
        // a certificate of the trusted CA, but for another host
        server = TokenServer.https(pki.serverContext(pki.serverFor("tokens.example")), false);
        try (RouteRunner route = new RouteRunner(uri(server, "&sslContextParameters=#tls"),
                r -> r.camel().getRegistry().bind("tls", pki.clientParameters(null)))) {
            // HttpClient 5.6 checks the name inside the handshake, 5.5 right after it
            assertThat(route.enrich().getException()).isInstanceOf(TokenEndpointException.class)
                    .hasMessageMatching(".*SSL(Handshake|PeerUnverified)Exception talking to https://127\\.0\\.0\\.1:.*");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void tlsClientAuthSendsTheClientIdAndTheCertificateButNoSecret() throws Exception {
        server = TokenServer.https(pki.serverContext(pki.server()), true);
        TestPki.Issued client = pki.client("orders-client");
        try (RouteRunner route = new RouteRunner("vendorauth:oauth2?tokenUrl=" + server.tokenUrl()
                + "&clientId=orders&clientAuthentication=tls_client_auth&sslContextParameters=#mtls",
                r -> r.camel().getRegistry().bind("mtls", pki.clientParameters(client)))) {
            assertThat(route.enrich().getMessage().getHeader("Authorization")).isEqualTo("Bearer issued-1");
        }
        TokenServer.Request request = server.requests().get(0);
        assertThat(request.clientCertificate()).isEqualTo(client.certificate());
        assertThat(request.form()).containsEntry("client_id", "orders").containsEntry("grant_type", "client_credentials")
                .doesNotContainKey("client_secret");
        assertThat(request.authorization()).isNull();
    }

    @Test
    void tlsClientAuthWithoutAClientCertificateFailsAtStartUp() throws Exception {
        server = TokenServer.https(pki.serverContext(pki.server()), true);
        assertThatThrownBy(() -> new RouteRunner("vendorauth:oauth2?tokenUrl=" + server.tokenUrl()
                + "&clientId=orders&clientAuthentication=tls_client_auth&sslContextParameters=#tls",
                r -> r.camel().getRegistry().bind("tls", pki.clientParameters(null))).close())
                .hasStackTraceContaining("Option sslContextParameters needs key managers with a client certificate");
    }
}
