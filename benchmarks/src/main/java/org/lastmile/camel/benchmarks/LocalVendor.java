package org.lastmile.camel.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A vendor on a loopback port for measurements: {@code POST /token} answers a new token of a fixed lifetime after a fixed
 * delay and counts the calls; {@code /noop} answers 200 with an empty body, as a stand-in for the API.
 */
public final class LocalVendor implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final Duration lifetime;
    private final Duration delay;

    /**
     * @param lifetime the lifetime of the tokens it hands out (whole seconds)
     * @param delay    how long each token call takes
     */
    public LocalVendor(Duration lifetime, Duration delay) throws IOException {
        this.lifetime = lifetime;
        this.delay = delay;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/noop", exchange -> answer(exchange, 200, ""));
        server.setExecutor(threads);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int tokenCalls() {
        return tokenCalls.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenCalls.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answer(exchange, 200, "{\"access_token\":\"" + UUID.randomUUID() + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + lifetime.toSeconds() + "}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
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
