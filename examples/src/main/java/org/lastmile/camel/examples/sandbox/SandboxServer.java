package org.lastmile.camel.examples.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The vendors' stand-in: one HTTP server on a loopback port, each vendor under its own path, each answering its token
 * requests and guarding a small API the way its documentation says. It keeps the tokens it issued and counts token calls
 * per vendor, so a demo can show how few were needed.
 */
public final class SandboxServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> tokenCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> apiCalls = new ConcurrentHashMap<>();

    /** A token the sandbox issued: for which vendor, and until when it is valid. */
    private record Issued(String vendor, long validUntil) {
    }

    /** Starts an empty sandbox on a free loopback port; vendors are added with {@link #vendor}. */
    public SandboxServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.start();
    }

    /** A sandbox with all the vendors of the examples, their tokens living {@code lifetime}. */
    public static SandboxServer withAllVendors(SandboxCredentials credentials, Duration lifetime) throws IOException {
        SandboxServer sandbox = new SandboxServer();
        Woop.register(sandbox, credentials, lifetime);
        Winkelstraat.register(sandbox, credentials, lifetime);
        Dataloy.register(sandbox, credentials, lifetime);
        Shopgate.register(sandbox, credentials, lifetime);
        GenericOAuth2.register(sandbox, credentials, lifetime);
        return sandbox;
    }

    /**
     * Adds a vendor: its token endpoint and its API under {@code /<name>/}.
     *
     * @param name      the path prefix and the name its calls are counted under
     * @param tokenPath the token endpoint's path below the prefix
     * @param token     answers token requests
     * @param apiPath   the API's path below the prefix
     * @param refusal   what the API answers with a missing, unknown or expired token (status and JSON body)
     */
    void vendor(String name, String tokenPath, HttpHandler token, String apiPath, Answer refusal) {
        tokenCalls.put(name, new AtomicInteger());
        apiCalls.put(name, new AtomicInteger());
        server.createContext("/" + name + tokenPath, exchange -> {
            tokenCalls.get(name).incrementAndGet();
            token.handle(exchange);
        });
        server.createContext("/" + name + apiPath, exchange -> {
            apiCalls.get(name).incrementAndGet();
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            Issued held = header != null && header.startsWith("Bearer ") ? issued.get(header.substring(7)) : null;
            if (held == null || !held.vendor().equals(name) || held.validUntil() < clock.millis()) {
                answer(exchange, refusal);
            } else {
                answer(exchange, new Answer(200, "{\"vendor\":\"" + name + "\",\"items\":[{\"id\":\"A-1\"}]}"));
            }
        });
    }

    /** The base URL, such as {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Token requests the vendor answered (successful or not). */
    public int tokenCalls(String vendor) {
        return tokenCalls.get(vendor).get();
    }

    /** API requests the vendor answered. */
    public int apiCalls(String vendor) {
        return apiCalls.get(vendor).get();
    }

    /** Issues an opaque token of this vendor for {@code lifetime}. */
    String issue(String vendor, Duration lifetime) {
        return remember(vendor, UUID.randomUUID().toString(), lifetime);
    }

    /** Issues an unsigned JWT whose {@code exp} claim carries the expiry, as vendors with JWT tokens do. */
    String issueJwt(String vendor, Duration lifetime) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long exp = (clock.millis() + lifetime.toMillis()) / 1000;
        String jwt = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + vendor + "\",\"jti\":\"" + UUID.randomUUID() + "\",\"exp\":" + exp
                        + "}").getBytes(StandardCharsets.UTF_8)) + ".sandbox";
        return remember(vendor, jwt, lifetime);
    }

    private String remember(String vendor, String token, Duration lifetime) {
        issued.put(token, new Issued(vendor, clock.millis() + lifetime.toMillis()));
        return token;
    }

    /** An HTTP answer with a JSON body. */
    record Answer(int status, String json) {
    }

    static void answer(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The request's form fields; empty when the body is not a form. */
    static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** The request's JSON object, or {@code null} when the body is not one. */
    static JsonNode json(HttpExchange exchange) throws IOException {
        try {
            JsonNode node = JSON.readTree(exchange.getRequestBody().readAllBytes());
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** {@code Basic} of the two parts joined by a colon, each form-encoded first when {@code encoded}. */
    static String basic(String id, String secret, boolean encoded) {
        String raw = encoded ? encode(id) + ":" + encode(secret) : id + ":" + secret;
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String header(HttpExchange exchange, String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
