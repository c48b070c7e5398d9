package org.lastmile.camel.examples.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a vendor, on a loopback port: an OAuth2 token endpoint that checks the client's Basic credentials and
 * hands out short-lived tokens, and a small protected API that accepts only a token it issued and that has not expired.
 * It counts token calls, so the demo can show that one token serves many calls.
 */
public final class VendorSandbox implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final String clientId;
    private final String clientSecret;
    private final Duration tokenLifetime;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Long> validUntil = new ConcurrentHashMap<>();
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final AtomicInteger apiCalls = new AtomicInteger();

    /**
     * Starts the sandbox on a free loopback port.
     *
     * @param clientId      the only client it accepts
     * @param clientSecret  that client's secret
     * @param tokenLifetime how long its tokens live
     */
    public VendorSandbox(String clientId, String clientSecret, Duration tokenLifetime) throws IOException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.tokenLifetime = tokenLifetime;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth/token", this::token);
        server.createContext("/api/orders", this::orders);
        server.setExecutor(threads);
        server.start();
    }

    /** The base URL, such as {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many token requests it has answered. */
    public int tokenCalls() {
        return tokenCalls.get();
    }

    /** How many API requests it has answered. */
    public int apiCalls() {
        return apiCalls.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenCalls.incrementAndGet();
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = form(exchange.getRequestBody());
        if (!"POST".equals(exchange.getRequestMethod())
                || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Unknown client\"}");
        } else if (!"client_credentials".equals(form.get("grant_type"))) {
            answer(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
        } else {
            String token = UUID.randomUUID().toString();
            validUntil.put(token, clock.millis() + tokenLifetime.toMillis());
            answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
                    + tokenLifetime.toSeconds() + "}");
        }
    }

    private void orders(HttpExchange exchange) throws IOException {
        apiCalls.incrementAndGet();
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        Long until = header != null && header.startsWith("Bearer ") ? validUntil.get(header.substring(7)) : null;
        if (until == null || until < clock.millis()) {
            answer(exchange, 401, "{\"message\":\"Token expired.\"}");
        } else {
            answer(exchange, 200, "{\"orders\":[{\"id\":\"A-1\",\"status\":\"out for delivery\"}]}");
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        Map<String, String> form = new HashMap<>();
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
