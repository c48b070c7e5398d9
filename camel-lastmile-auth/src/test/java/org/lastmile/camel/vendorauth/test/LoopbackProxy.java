package org.lastmile.camel.vendorauth.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy on loopback, for tests: CONNECT tunnels (https) and forwarding of absolute-form requests (http), optionally
 * behind proxy Basic authentication (407 without it). Whatever host a request names, the proxy connects to that port on
 * loopback: a client can then use a host name only the proxy knows, as behind an egress proxy, and no traffic leaves the
 * machine. It records every request it is asked, answered or not.
 */
public final class LoopbackProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String expectedAuthorization;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /** A proxy without authentication. */
    public LoopbackProxy() throws IOException {
        this(null, null);
    }

    /** A proxy that answers 407 unless a request carries these Basic credentials; {@code null}: no authentication. */
    public LoopbackProxy(String username, String password) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        expectedAuthorization = username == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
        threads.execute(this::accept);
    }

    /** The port the proxy listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Every request the proxy was asked, in order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The requests the proxy carried out (tunnels opened, requests forwarded). */
    public List<Seen> served() {
        return seen.stream().filter(Seen::served).toList();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                List<String> head = readHead(in);
                if (head.isEmpty()) {
                    return;
                }
                String[] requestLine = head.get(0).split(" ");
                String authorization = header(head, "proxy-authorization");
                boolean authorized = expectedAuthorization == null || expectedAuthorization.equals(authorization);
                seen.add(new Seen(requestLine[0], requestLine[1], authorization, authorized));
                if (!authorized) {
                    // the refused request's body must not be read as the next request
                    String length = header(head, "content-length");
                    in.readNBytes(length == null ? 0 : Integer.parseInt(length));
                    write(out, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                            + "Content-Length: 0\r\n\r\n");
                    continue;
                }
                if (requestLine[0].equals("CONNECT")) {
                    tunnel(requestLine[1], in, out);
                } else {
                    forward(requestLine, head, in, out);
                }
                return;
            }
        } catch (IOException ended) {
            // the client or the target went away
        }
    }

    private void tunnel(String authority, InputStream in, OutputStream out) throws IOException {
        int colon = authority.lastIndexOf(':');
        try (Socket target = loopback(Integer.parseInt(authority.substring(colon + 1)))) {
            write(out, "HTTP/1.1 200 Connection established\r\n\r\n");
            pipe(in, out, target);
        }
    }

    private void forward(String[] requestLine, List<String> head, InputStream in, OutputStream out) throws IOException {
        URI uri = URI.create(requestLine[1]);
        try (Socket target = loopback(uri.getPort())) {
            StringBuilder forwarded = new StringBuilder(requestLine[0] + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " " + requestLine[2] + "\r\n");
            for (String line : head.subList(1, head.size())) {
                String name = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                if (!name.startsWith("proxy-") && !name.equals("connection")) {
                    forwarded.append(line).append("\r\n");
                }
            }
            // one request per connection keeps the forwarding a plain byte pipe
            forwarded.append("Connection: close\r\n\r\n");
            write(target.getOutputStream(), forwarded.toString());
            pipe(in, out, target);
        }
    }

    private Socket loopback(int port) throws IOException {
        Socket target = new Socket(InetAddress.getLoopbackAddress(), port);
        sockets.add(target);
        return target;
    }

    /** Copies both ways until the target closes. */
    private void pipe(InputStream in, OutputStream out, Socket target) throws IOException {
        threads.execute(() -> {
            try {
                in.transferTo(target.getOutputStream());
            } catch (IOException ended) {
                // the client closed, or the target did
            }
        });
        target.getInputStream().transferTo(out);
    }

    /** The request line and header lines, read byte by byte so that nothing after the head is consumed. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0;) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                line.reset();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        return List.of();
    }

    private static String header(List<String> head, String name) {
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
    }

    /**
     * One request the proxy was asked.
     *
     * @param method        {@code CONNECT}, or the forwarded request's method
     * @param target        the authority (CONNECT) or the absolute URL
     * @param authorization the {@code Proxy-Authorization} header, or {@code null}
     * @param served        whether the proxy carried it out (false: answered 407)
     */
    public record Seen(String method, String target, String authorization, boolean served) {
    }
}
