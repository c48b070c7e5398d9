package org.lastmile.camel.simulators;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on a free loopback port that serves vendor simulators, each under {@code /<name>}. A path it does not
 * serve gets 404, a token endpoint asked with anything but {@code POST} gets 405: nothing a vendor's page does not describe
 * gets a token.
 *
 * <p>
 * The JDK's own server, not a stub library: each simulator checks every header and field its vendor names and answers a
 * stray request the way the vendor does, and the demo and the benchmarks run it with no dependency beyond Jackson.
 */
public final class SimulatorServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final Map<String, VendorSimulator> simulators = new ConcurrentHashMap<>();

    /** Starts a server with no vendors on a free loopback port; vendors are added with {@link #add}. */
    public SimulatorServer() throws IOException {
        // Without it the JDK's server keeps Nagle's algorithm on, and every answer on a kept-alive connection waits about
        // 40 ms for the client's delayed ACK. Read once, when the JDK's server first starts in the JVM.
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.start();
    }

    /** A server with the five vendors of the built-in profiles, accepting {@code credentials}, tokens living {@code lifetime}. */
    public static SimulatorServer withAllVendors(VendorCredentials credentials, Duration lifetime) throws IOException {
        SimulatorServer server = new SimulatorServer();
        Clock clock = Clock.systemUTC();
        for (VendorSimulator vendor : List.of(new Woop(credentials, clock), new Winkelstraat(credentials, clock),
                new Dataloy(credentials, clock), new Shopgate(credentials, clock), new GenericOAuth2(credentials, clock))) {
            server.add(vendor).lifetime(lifetime);
        }
        return server;
    }

    /** Serves {@code simulator} under {@code /<name>}, and returns it. */
    public <T extends VendorSimulator> T add(T simulator) {
        if (simulators.putIfAbsent(simulator.name(), simulator) != null) {
            throw new IllegalArgumentException("A vendor is served under /" + simulator.name() + " already");
        }
        String prefix = "/" + simulator.name();
        simulator.mountAt(baseUrl() + prefix);
        server.createContext(prefix + "/", exchange -> serve(simulator, prefix, exchange));
        return simulator;
    }

    /** The vendor served under {@code /<name>}. */
    public VendorSimulator vendor(String name) {
        VendorSimulator simulator = simulators.get(name);
        if (simulator == null) {
            throw new IllegalArgumentException("No vendor is served under /" + name);
        }
        return simulator;
    }

    /** The base URL, such as {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void serve(VendorSimulator simulator, String prefix, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(prefix.length());
            Request request = new Request(exchange.getRequestMethod(), path, headers(exchange),
                    exchange.getRequestBody().readAllBytes());
            Answer answer;
            if (path.equals(simulator.tokenPath()) || simulator.otherTokenPaths().contains(path)) {
                answer = "POST".equals(request.method()) ? simulator.handleToken(request)
                        : new Answer(405, "{\"error\":\"method_not_allowed\"}");
            } else if (path.equals(simulator.apiPath())) {
                answer = simulator.handleApi(request);
            } else {
                answer = new Answer(404, "{\"error\":\"not_found\"}");
            }
            send(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return headers;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
