package org.lastmile.camel.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.lastmile.camel.simulators.SimulatorServer;
import org.lastmile.camel.simulators.TokenExchangeServer;
import org.lastmile.camel.simulators.VendorCredentials;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;

/**
 * Callers whose tokens a route exchanges (RFC 8693) on the strict simulator, each subject token about a kilobyte, as an
 * identity provider's are: a route that exchanges the incoming {@code Authorization} header, and one that sets a constant
 * header instead, fed the same headers. Each exchange gets a fresh copy of its caller's header, as an HTTP server hands
 * over a new string per request: the lookup by subject hashes it every time.
 */
final class Callers implements AutoCloseable {

    /** vendorauth with grantType token_exchange, then nothing. */
    static final String ON_BEHALF = "direct:on-behalf";
    /** A constant Authorization header over the caller's, then nothing. */
    static final String CONSTANT = "direct:on-behalf-constant";

    private static final VendorCredentials CLIENT = VendorCredentials.client("gateway", "gateway-secret");

    private final SimulatorServer server;
    private final TokenExchangeServer idp;
    private final CamelContext camel;
    private final String[] headers;

    Callers(int count) throws Exception {
        server = new SimulatorServer();
        idp = server.add(new TokenExchangeServer(CLIENT, Clock.systemUTC()));
        idp.lifetime(Duration.ofHours(1));
        headers = new String[count];
        for (int i = 0; i < count; i++) {
            headers[i] = "Bearer " + idp.subject("user-" + i, Duration.ofHours(2));
        }
        camel = new DefaultCamelContext();
        VendorAuthComponent component = new VendorAuthComponent();
        component.setTokenStore(new InMemoryTokenStore());
        component.setMaxCredentials(count + 10);
        camel.addComponent("vendorauth", component);
        String fixed = idp.handOut().bearer();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(ON_BEHALF).to("vendorauth:oauth2?grantType=token_exchange&tokenUrl=" + idp.tokenUrl()
                        + "&clientId=" + CLIENT.clientId() + "&clientSecret=" + CLIENT.clientSecret());
                from(CONSTANT).setHeader("Authorization", constant(fixed));
            }
        });
        camel.start();
    }

    int count() {
        return headers.length;
    }

    /** A fresh copy of caller {@code i}'s incoming Authorization header: new characters, no hash computed yet. */
    String header(long i) {
        return new String(headers[(int) (i % headers.length)].toCharArray());
    }

    ProducerTemplate template() {
        return camel.createProducerTemplate();
    }

    /** Exchanges callers {@code from} to {@code to} (exclusive) once each. */
    void exchangeAll(ProducerTemplate template, int from, int to) {
        for (int i = from; i < to; i++) {
            Object authorization = template.requestBodyAndHeader(ON_BEHALF, "", "Authorization", header(i));
            if (authorization == null) {
                throw new IllegalStateException("caller " + i + " got no token");
            }
        }
    }

    /** Token calls made so far. */
    int tokenCalls() {
        return idp.tokenCalls();
    }

    /** The memory of callers: heap per caller whose result is cached, the simulator's own records left out. */
    record Memory(int callers, long heapWithOne, long heapWithAll, int tokenCalls) {
        long perCaller() {
            return (heapWithAll - heapWithOne) / (callers - 1);
        }

        /** Writes its section into the Markdown file, before "Reading it". */
        void insertInto(Path output) throws IOException {
            String md = String.format("## 10. On behalf of callers: memory%n%nA route that exchanges each caller's token"
                    + " (grantType `token_exchange`, RFC 8693) on the strict simulator, in-memory store: %,d callers, each"
                    + " subject token about 1 KB, exchanged once each. Heap in use after a GC with one caller, then with"
                    + " all (the simulator's own records of them dropped first); a caller's state includes the one copy"
                    + " of its token that is kept (the text of the header it came in).%n%n"
                    + "| callers | token calls | heap with one | heap with all | per caller cached |%n"
                    + "|---:|---:|---:|---:|---:|%n| %,d | %,d | %.1f MiB | %.1f MiB | %,d bytes |%n%n", callers, callers,
                    tokenCalls, heapWithOne / 1048576.0, heapWithAll / 1048576.0, perCaller());
            MarkdownSections.put(output, md);
        }
    }

    /** Exchanges {@code count} callers once each, in one JVM, and measures the heap they hold after a GC. */
    static Memory memory(int count) throws Exception {
        try (Callers callers = new Callers(count)) {
            ProducerTemplate template = callers.template();
            callers.exchangeAll(template, 0, 1);
            callers.idp.forgetCallers();
            long one = heapAfterGc();
            callers.exchangeAll(template, 1, count);
            int calls = callers.tokenCalls();
            callers.idp.forgetCallers();
            return new Memory(count, one, heapAfterGc(), calls);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() throws IOException {
        camel.stop();
        server.close();
    }

    /**
     * The CPU time of the calling thread per exchange, on the constant route and on the exchanging one, alternating, in
     * 12 rounds of 100,000 exchanges each (the first 4 rounds warm up): a figure that a busy machine's scheduling
     * disturbs less than wall-clock time. Median and range of the measured rounds, in ns.
     */
    double[][] cpuPerExchange() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ProducerTemplate template = template();
        String[] routes = {CONSTANT, ON_BEHALF};
        double[][] rounds = new double[2][12];
        for (int round = 0; round < 12; round++) {
            for (int r = 0; r < 2; r++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < 100_000; i++) {
                    template.requestBodyAndHeader(routes[r], "", "Authorization", header(i));
                }
                rounds[r][round] = (threads.getCurrentThreadCpuTime() - start) / 100_000.0;
            }
        }
        double[][] measured = {Arrays.copyOfRange(rounds[0], 4, 12), Arrays.copyOfRange(rounds[1], 4, 12)};
        Arrays.sort(measured[0]);
        Arrays.sort(measured[1]);
        return measured;
    }

    /** {@code memory <callers>}: the memory of callers; {@code cpu <callers>}: the CPU time per exchange. */
    public static void main(String[] args) throws Exception {
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        if (args.length > 0 && args[0].equals("cpu")) {
            try (Callers callers = new Callers(count)) {
                callers.exchangeAll(callers.template(), 0, count);
                int calls = callers.tokenCalls();
                double[][] cpu = callers.cpuPerExchange();
                System.out.printf("callers %d: constant header %.0f ns (%.0f-%.0f), token exchange %.0f ns (%.0f-%.0f),"
                        + " ratio %.2f, token calls while measured %d%n", count, cpu[0][4], cpu[0][0], cpu[0][7],
                        cpu[1][4], cpu[1][0], cpu[1][7], cpu[1][4] / cpu[0][4], callers.tokenCalls() - calls);
            }
            return;
        }
        Memory memory = memory(count);
        System.out.printf("callers %d, token calls %d, heap with one %.1f MiB, with all %.1f MiB, per caller %d bytes%n",
                memory.callers(), memory.tokenCalls(), memory.heapWithOne() / 1048576.0,
                memory.heapWithAll() / 1048576.0, memory.perCaller());
    }
}
