package org.lastmile.camel.vendorauth.nemesis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The vendor of the nemesis, in a JVM of its own (inside the test's network namespace when there is one): a token
 * endpoint that mints a token when the request arrives and answers after a delay, and an API that checks every token it
 * is sent against the vendor's own clock. It prints {@code READY}, then {@code ASKING <address>} for each token request
 * (who is fetching), {@code EXPIRED <epoch ms> <address> <ms late>} for each expired token at the API, and answers {@code STATS} on its standard input with
 * {@code STATS <token calls> <api calls> <expired> <foreign> <most late ms> <distinct tokens in the last 500 ms>}. It ends
 * when its standard input closes.
 *
 * <p>
 * Arguments: bind address, port, token lifetime in seconds, answer delay in milliseconds.
 */
public final class NemesisVendorMain {

    private final long lifetimeMillis;
    private final long delayMillis;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private final AtomicInteger expired = new AtomicInteger();
    private final AtomicInteger foreign = new AtomicInteger();
    private final AtomicLong mostLate = new AtomicLong();

    private NemesisVendorMain(long lifetimeMillis, long delayMillis) {
        this.lifetimeMillis = lifetimeMillis;
        this.delayMillis = delayMillis;
    }

    public static void main(String[] args) throws Exception {
        NemesisVendorMain vendor = new NemesisVendorMain(Long.parseLong(args[2]) * 1000, Long.parseLong(args[3]));
        HttpServer server = HttpServer.create(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 200);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/token", vendor::token);
        server.createContext("/api", vendor::api);
        server.start();
        System.out.println("READY " + server.getAddress().getPort());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                if (line.equals("STATS")) {
                    System.out.println(vendor.stats());
                }
            }
        }
        Runtime.getRuntime().halt(0);
    }

    private synchronized String stats() {
        long now = System.currentTimeMillis();
        long recent = lastSeen.values().stream().filter(at -> at > now - 500).count();
        return "STATS " + tokenCalls.get() + " " + apiCalls.get() + " " + expired.get() + " " + foreign.get() + " "
                + mostLate.get() + " " + recent;
    }

    private void token(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        long minted = System.currentTimeMillis();
        tokenCalls.incrementAndGet();
        System.out.println("ASKING " + exchange.getRemoteAddress().getAddress().getHostAddress());
        String token = "nem-" + UUID.randomUUID();
        expiries.put(token, minted + lifetimeMillis);
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + lifetimeMillis / 1000 + "}");
    }

    private void api(HttpExchange exchange) throws IOException {
        long now = System.currentTimeMillis();
        apiCalls.incrementAndGet();
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : "";
        Long expiry = expiries.get(token);
        if (expiry == null) {
            foreign.incrementAndGet();
            answer(exchange, 401, "{\"error\":\"foreign token\"}");
        } else if (now >= expiry) {
            expired.incrementAndGet();
            mostLate.accumulateAndGet(now - expiry, Math::max);
            System.out.println("EXPIRED " + now + " " + exchange.getRemoteAddress().getAddress().getHostAddress() + " "
                    + (now - expiry));
            answer(exchange, 401, "{\"error\":\"expired token\"}");
        } else {
            lastSeen.put(token, now);
            answer(exchange, 200, "{\"ok\":true}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
