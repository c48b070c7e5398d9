package org.lastmile.camel.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.lastmile.camel.simulators.DpopVendor;
import org.lastmile.camel.simulators.GenericOAuth2;
import org.lastmile.camel.simulators.SimulatorServer;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.VendorAuthDpopSigner;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What DPoP costs per exchange, a token at hand: the same route with a bearer token and with {@code dpop=true} (one ES256
 * proof per exchange), first without the API call (the proof is the whole difference), then with it: the proof made as
 * the exchange is enriched ({@code CamelHttpUri} set), or by {@link VendorAuthDpopSigner} when camel-http sends. The
 * API is the strict DPoP simulator, which verifies each proof in the same JVM (an ES256 verification per call, on the
 * same two cores). Part of the suite; alone: {@code mvn -Pbench -Dbench.main=org.lastmile.camel.benchmarks.DpopBenchmark
 * -DskipTests package}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DpopBenchmark {

    private static final String BEARER = "direct:bearer";
    private static final String DPOP = "direct:dpop";
    private static final String BEARER_HTTP = "direct:bearer-http";
    private static final String DPOP_HTTP = "direct:dpop-http";
    private static final String DPOP_SIGNER_HTTP = "direct:dpop-signer-http";

    private SimulatorServer server;
    private CamelContext camel;
    private ProducerTemplate template;

    @Setup(Level.Trial)
    public void start() throws Exception {
        server = new SimulatorServer();
        GenericOAuth2 bearer = server.add(new GenericOAuth2(LocalVendor.CLIENT, Clock.systemUTC()));
        DpopVendor dpop = server.add(new DpopVendor(LocalVendor.CLIENT, Clock.systemUTC()));
        camel = new DefaultCamelContext();
        VendorAuthComponent component = new VendorAuthComponent();
        component.setTokenStore(new InMemoryTokenStore());
        camel.addComponent("vendorauth", component);
        HttpComponent signing = new HttpComponent();
        signing.setHttpClientConfigurer(new VendorAuthDpopSigner(component));
        camel.addComponent("signed-http", signing);
        String credential = "&clientId=" + LocalVendor.CLIENT.clientId() + "&clientSecret="
                + LocalVendor.CLIENT.clientSecret();
        String bearerAuth = "vendorauth:oauth2?tokenUrl=" + bearer.tokenUrl() + credential;
        String dpopAuth = "vendorauth:oauth2?tokenUrl=" + dpop.tokenUrl() + credential + "&dpop=true";
        String dpopApi = dpop.url("/api/orders");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(BEARER).to(bearerAuth);
                from(DPOP).setHeader(Exchange.HTTP_URI, constant(dpopApi)).to(dpopAuth);
                from(BEARER_HTTP).to(bearerAuth).to(bearer.url("/api/orders"));
                from(DPOP_HTTP).setHeader(Exchange.HTTP_URI, constant(dpopApi)).to(dpopAuth).to(dpopApi);
                from(DPOP_SIGNER_HTTP).to(dpopAuth).to("signed-" + dpopApi);
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
        for (String route : new String[] { BEARER, DPOP, BEARER_HTTP, DPOP_HTTP, DPOP_SIGNER_HTTP }) {
            template.requestBody(route, (Object) null);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        camel.stop();
        server.close();
    }

    @Benchmark
    public Object bearer() {
        return template.requestBody(BEARER, (Object) null);
    }

    @Benchmark
    public Object dpop() {
        return template.requestBody(DPOP, (Object) null);
    }

    @Benchmark
    public Object bearerThenHttp() {
        return template.requestBody(BEARER_HTTP, (Object) null);
    }

    @Benchmark
    public Object dpopThenHttp() {
        return template.requestBody(DPOP_HTTP, (Object) null);
    }

    @Benchmark
    public Object dpopSignedBySignerThenHttp() {
        return template.requestBody(DPOP_SIGNER_HTTP, (Object) null);
    }

    /**
     * Runs the benchmarks and writes their section ("7. DPoP") into the Markdown file named by the first argument (by
     * default {@code BENCHMARKS.md}), before "Reading it": replacing the section of an earlier run, keeping the rest.
     */
    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md");
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Options options = new OptionsBuilder()
                .include(DpopBenchmark.class.getName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .build();
        Map<String, double[]> scores = BenchmarkSuite.scores(new Runner(options).run());
        StringBuilder md = new StringBuilder(SECTION).append("\n\n");
        md.append("JMH, exchanges per second through a `ProducerTemplate` on one thread, a token at hand (1 fork, 3 warm-up and"
                + " 5 measured iterations of 1 s; median and range). The same route with a bearer token and with"
                + " `dpop=true`: without the API call, the difference is the proof, one ES256 signature per exchange and"
                + " nothing else (no token call, no store access); with the call to the strict DPoP simulator, which"
                + " verifies each proof (an ES256 verification) in the same JVM on the same cores. `signer`: no"
                + " `CamelHttpUri`, the proof made by `VendorAuthDpopSigner` when camel-http sends. Load average before"
                + " / after: `" + loadBefore + "` / `" + Files.readString(Path.of("/proc/loadavg")).trim() + "`.\n\n");
        md.append("| route | median exchanges/s | min | max |\n|---|---:|---:|---:|\n");
        scores.forEach((name, sorted) -> md.append(String.format("| %s | %.0f | %.0f | %.0f |%n", LABELS.get(name),
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1])));
        MarkdownSections.put(output, md.toString());
        System.out.println(md);
    }

    private static final String SECTION = "## 8. DPoP: cost per exchange";
    private static final Map<String, String> LABELS = Map.of(
            "bearer", "direct -> vendorauth (Bearer)",
            "dpop", "direct -> vendorauth dpop=true (proof at enrich)",
            "bearerThenHttp", "direct -> vendorauth (Bearer) -> HTTP to the API",
            "dpopThenHttp", "direct -> vendorauth dpop=true -> HTTP to the DPoP API (proof at enrich)",
            "dpopSignedBySignerThenHttp", "direct -> vendorauth dpop=true -> HTTP to the DPoP API (proof by the signer)");
}
