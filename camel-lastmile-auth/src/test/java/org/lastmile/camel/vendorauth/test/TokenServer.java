package org.lastmile.camel.vendorauth.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.apache.hc.core5.net.WWWFormCodec;

/**
 * A token endpoint on loopback ({@code /token}), plain or over TLS with or without client certificates, that records every
 * request it is sent: headers, form parameters and the client certificate the TLS handshake presented. It answers a fresh
 * access token each time.
 */
public final class TokenServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    /** Clients and their secrets, once {@link #accept} was called: then only they get tokens, each its own. */
    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> issuedTo = new ConcurrentHashMap<>();

    private TokenServer(HttpServer server) {
        this.server = server;
        server.createContext("/token", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** A plain-HTTP token endpoint. */
    public static TokenServer http() throws IOException {
        return new TokenServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    }

    /** A token endpoint over TLS; {@code needClientAuth}: the handshake fails without a client certificate it trusts. */
    public static TokenServer https(SSLContext context, boolean needClientAuth) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setNeedClientAuth(needClientAuth);
                parameters.setSSLParameters(ssl);
            }
        });
        return new TokenServer(server);
    }

    /** The token URL. */
    public String tokenUrl() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * From now on the endpoint checks client authentication (HTTP Basic, form-encoded as RFC 6749 says): this client with
     * this secret is given tokens of its own ({@code issued-<client>-<n>}); anybody else is refused with 401
     * {@code invalid_client}. Called again for a client, it rotates the secret: the old one is refused from then on.
     */
    public void accept(String clientId, String secret) {
        clients.put(clientId, secret);
    }

    /** How many tokens the client was given. */
    public int tokensIssuedTo(String clientId) {
        AtomicInteger count = issuedTo.get(clientId);
        return count == null ? 0 : count.get();
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            X509Certificate clientCertificate = null;
            if (exchange instanceof HttpsExchange tls) {
                try {
                    Certificate[] chain = tls.getSSLSession().getPeerCertificates();
                    clientCertificate = (X509Certificate) chain[0];
                } catch (SSLPeerUnverifiedException none) {
                    // the client presented no certificate
                }
            }
            requests.add(new Request(exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Authorization"), form(new String(body, StandardCharsets.UTF_8)),
                    clientCertificate));
            String client = clients.isEmpty() ? null : authenticated(exchange.getRequestHeaders().getFirst("Authorization"));
            int status = clients.isEmpty() || client != null ? 200 : 401;
            byte[] answer = (status == 401
                    ? "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"
                    : "{\"access_token\":\"issued-" + (client == null ? "" : client + "-"
                            + issuedTo.computeIfAbsent(client, c -> new AtomicInteger()).incrementAndGet() + "-")
                            + issued.incrementAndGet() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /** The client whose Basic credentials are right, else {@code null}. */
    private String authenticated(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        String pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String id = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
        String secret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
        return secret.equals(clients.get(id)) ? id : null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        WWWFormCodec.parse(body, StandardCharsets.UTF_8).forEach(pair -> parameters.put(pair.getName(), pair.getValue()));
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * One request as the server saw it.
     *
     * @param uri               the request target as sent (absolute-form when a proxy forwarded it as is)
     * @param authorization     the {@code Authorization} header, or {@code null}
     * @param form              the form parameters of the body
     * @param clientCertificate the certificate the client presented, or {@code null}
     */
    public record Request(String uri, String authorization, Map<String, String> form, X509Certificate clientCertificate) {
    }
}
