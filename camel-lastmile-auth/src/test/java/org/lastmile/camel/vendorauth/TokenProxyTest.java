package org.lastmile.camel.vendorauth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.test.LoopbackProxy;
import org.lastmile.camel.vendorauth.test.RouteRunner;
import org.lastmile.camel.vendorauth.test.TestPki;
import org.lastmile.camel.vendorauth.test.TokenServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Token requests through a real HTTP proxy on loopback: CONNECT for an https token endpoint, with and without proxy Basic
 * authentication, forwarding for an http one, and the JVM's proxy properties when no option names a proxy.
 */
class TokenProxyTest {

    private static final List<String> JVM_PROXY_PROPERTIES = List.of("https.proxyHost", "https.proxyPort",
            "http.proxyHost", "http.proxyPort", "http.nonProxyHosts");

    private final TestPki pki = new TestPki("Proxy Test CA");
    private final Map<String, String> savedProperties = new HashMap<>();
    private TokenServer server;
    private LoopbackProxy proxy;

    @BeforeEach
    void saveJvmProxyProperties() {
        JVM_PROXY_PROPERTIES.forEach(name -> savedProperties.put(name, System.getProperty(name)));
    }

    @AfterEach
    void restore() throws Exception {
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private RouteRunner httpsRoute(String options) throws Exception {
        server = TokenServer.https(pki.serverContext(pki.server()), false);
        return new RouteRunner("vendorauth:oauth2?tokenUrl=" + server.tokenUrl() + "&clientId=orders&clientSecret=s3cret"
                + "&sslContextParameters=#tls" + options, r -> r.camel().getRegistry().bind("tls",
                pki.clientParameters(null)));
    }

    @Test
    void anHttpsTokenEndpointIsReachedThroughACONNECTTunnel() throws Exception {
        proxy = new LoopbackProxy();
        try (RouteRunner route = httpsRoute("&proxyHost=127.0.0.1&proxyPort=" + proxy.port())) {
            assertThat(route.enrich().getMessage().getHeader("Authorization")).isEqualTo("Bearer issued-1");
        }
        assertThat(proxy.served()).extracting(LoopbackProxy.Seen::method, LoopbackProxy.Seen::target)
                .containsExactly(tuple("CONNECT", "127.0.0.1:" + server.port()));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void proxyBasicAuthenticationAnswersTheProxysChallenge() throws Exception {
        proxy = new LoopbackProxy("egress", "pr0xy-pw");
        try (RouteRunner route = httpsRoute("&proxyHost=127.0.0.1&proxyPort=" + proxy.port()
                + "&proxyAuthUsername=egress&proxyAuthPassword=RAW(pr0xy-pw)")) {
            assertThat(route.enrich().getMessage().getHeader("Authorization")).isEqualTo("Bearer issued-1");
        }
        assertThat(proxy.seen()).extracting(LoopbackProxy.Seen::served).containsExactly(false, true);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void withoutProxyCredentialsTheProxysRefusalIsReported() throws Exception {
        proxy = new LoopbackProxy("egress", "pr0xy-pw");
        try (RouteRunner route = httpsRoute("&proxyHost=127.0.0.1&proxyPort=" + proxy.port())) {
            Exchange exchange = route.enrich();
            assertThat(exchange.getException()).isInstanceOf(TokenEndpointException.class)
                    .hasMessageContaining("HTTP 407").hasMessageContaining("proxyAuthUsername");
        }
        assertThat(proxy.served()).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theJvmsHttpsProxyPropertiesAreHonouredWhenNoOptionNamesAProxy() throws Exception {
        proxy = new LoopbackProxy();
        System.setProperty("https.proxyHost", "127.0.0.1");
        System.setProperty("https.proxyPort", String.valueOf(proxy.port()));
        System.setProperty("http.nonProxyHosts", "*.corp.example");
        // the JVM's proxy selector never proxies loopback, so the token endpoint has a name only the proxy resolves
        server = TokenServer.https(pki.serverContext(pki.serverFor("tokens.example")), false);
        String tokenUrl = "https://tokens.example:" + server.port() + "/token";
        try (RouteRunner route = new RouteRunner("vendorauth:oauth2?tokenUrl=" + tokenUrl + "&clientId=orders"
                + "&clientSecret=s3cret&sslContextParameters=#tls", r -> r.camel().getRegistry().bind("tls",
                pki.clientParameters(null)))) {
            assertThat(route.enrich().getMessage().getHeader("Authorization")).isEqualTo("Bearer issued-1");
        }
        assertThat(proxy.served()).extracting(LoopbackProxy.Seen::target).containsExactly("tokens.example:" + server.port());
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anHttpTokenEndpointIsReachedThroughAForwardingProxy() throws Exception {
        proxy = new LoopbackProxy("egress", "pr0xy-pw");
        server = TokenServer.http();
        try (RouteRunner route = new RouteRunner("vendorauth:oauth2?tokenUrl=" + server.tokenUrl()
                + "&clientId=orders&clientSecret=s3cret&proxyHost=127.0.0.1&proxyPort=" + proxy.port()
                + "&proxyAuthUsername=egress&proxyAuthPassword=RAW(pr0xy-pw)", r -> { })) {
            assertThat(route.enrich().getMessage().getHeader("Authorization")).isEqualTo("Bearer issued-1");
        }
        assertThat(proxy.served()).extracting(LoopbackProxy.Seen::method, LoopbackProxy.Seen::target)
                .containsExactly(tuple("POST", server.tokenUrl()));
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.uri()).isEqualTo("/token");
            assertThat(request.form()).containsEntry("grant_type", "client_credentials");
        });
    }
}
