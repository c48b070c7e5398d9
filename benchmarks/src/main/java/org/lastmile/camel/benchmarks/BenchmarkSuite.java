package org.lastmile.camel.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lastmile.camel.examples.ClusterDemo;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs every measurement once and writes the results, with the machine and the method, to the file named. */
public final class BenchmarkSuite {

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md");
        String loadBefore = loadAverage();
        Map<String, double[]> hotPath = hotPath();
        List<Scenarios.Load> loads = new ArrayList<>();
        Duration lifetime = Duration.ofSeconds(4);
        Duration run = Duration.ofSeconds(12);
        loads.add(Scenarios.load("vendorauth", Routes.VENDORAUTH, 1, 8, run, lifetime, true));
        loads.add(Scenarios.load("vendorauth", Routes.VENDORAUTH, 3, 8, run, lifetime, true));
        loads.add(Scenarios.load("camel-http oauth2CacheTokens=true", Routes.CAMEL_HTTP_OAUTH2, 1, 8, run, lifetime, false));
        loads.add(Scenarios.load("camel-http oauth2CacheTokens=true", Routes.CAMEL_HTTP_OAUTH2, 3, 8, run, lifetime, false));
        loads.add(Scenarios.load("camel-http, no token cache", Routes.CAMEL_HTTP_NO_CACHE, 1, 8, Duration.ofSeconds(4),
                lifetime, false));
        ClusterDemo.Result jvms = ClusterDemo.run(Duration.ofSeconds(16), lifetime);
        Scenarios.Latency latency = Scenarios.refreshBoundary(8, Duration.ofSeconds(12));
        List<Scenarios.ColdStart> coldStarts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            coldStarts.add(Scenarios.coldStart(false));
            coldStarts.add(Scenarios.coldStart(true));
        }
        List<RefreshCost.Result> refreshCosts = new ArrayList<>();
        for (Duration tokenLifetime : List.of(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(120),
                Duration.ofHours(1))) {
            refreshCosts.add(RefreshCost.measure(tokenLifetime, 20));
        }
        Scenarios.Memory memory = Scenarios.memory(10_000, Duration.ofSeconds(20), Duration.ofSeconds(30), true);
        Scenarios.NamedTenants named = Scenarios.namedTenants(10_000, 10);
        List<HandOutLife.Result> edges = new ArrayList<>();
        edges.add(HandOutLife.measure(Duration.ofSeconds(2), Duration.ofSeconds(20)));
        edges.add(HandOutLife.measure(Duration.ofSeconds(10), Duration.ofSeconds(40)));
        edges.add(HandOutLife.measure(Duration.ofSeconds(60), Duration.ofSeconds(130)));
        Callers.Memory callers = Callers.memory(5000);
        write(output, loadBefore, loadAverage(), hotPath, loads, jvms, latency, coldStarts, refreshCosts, memory, named);
        DpopBenchmark.main(new String[] { output.toString() });
        HandOutLife.append(output, edges);
        callers.insertInto(output);
        System.out.println("Wrote " + output.toAbsolutePath());
    }

    /** JMH: the iteration scores (ns per exchange) of each hot-path benchmark. */
    private static Map<String, double[]> hotPath() throws Exception {
        Options options = new OptionsBuilder()
                .include(HotPathBenchmark.class.getName())
                .forks(2)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Dhazelcast.logging.type=slf4j")
                .shouldFailOnError(true)
                .build();
        return scores(new Runner(options).run());
    }

    /** The sorted iteration scores of each benchmark, by its method name. */
    static Map<String, double[]> scores(Collection<RunResult> results) {
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1), result.getBenchmarkResults().stream()
                    .flatMap(benchmark -> benchmark.getIterationResults().stream())
                    .mapToDouble(iteration -> iteration.getPrimaryResult().getScore()).sorted().toArray());
        }
        return scores;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String human(Duration duration) {
        return duration.toHours() >= 1 ? duration.toHours() + " h" : duration.toSeconds() + " s";
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static void write(Path output, String loadBefore, String loadAfter, Map<String, double[]> hot,
                              List<Scenarios.Load> loads, ClusterDemo.Result jvms, Scenarios.Latency latency,
                              List<Scenarios.ColdStart> coldStarts, List<RefreshCost.Result> refreshCosts,
                              Scenarios.Memory memory, Scenarios.NamedTenants named)
            throws IOException {
        StringBuilder md = new StringBuilder("# Benchmarks\n\n");
        md.append("Produced by `mvn -B -q -Pbench -DskipTests package` (module `benchmarks/`), all measurements in one run.\n\n");
        md.append("## Machine\n\n");
        md.append(f("- %s, %d cores, max heap %d MiB%n", System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        md.append(f("- %s %s%n", System.getProperty("java.vm.name"), System.getProperty("java.version")));
        md.append(f("- load average before / after: `%s` / `%s`%n", loadBefore, loadAfter));
        md.append(f("- run at %s; JVM arguments: %s%n%n", Instant.now(), ManagementFactory.getRuntimeMXBean()
                .getInputArguments()));

        md.append("## 1. Hot path: cost per exchange with a valid token at hand\n\n");
        md.append("JMH, average time per exchange through a `ProducerTemplate` into a `direct:` route (2 forks, each 3 warm-up and"
                + " 5 measured iterations of 1 s). Median and range of the 10 measured iterations. Ratios are to the"
                + " constant-header route doing the same work; each route ran in forks of its own, one after the other.\n\n");
        md.append("| route | median ns/exchange | min | max | ratio |\n|---|---:|---:|---:|---:|\n");
        row(md, hot, "constantHeader", "direct -> constant Authorization header", "constantHeader");
        row(md, hot, "vendorauth", "direct -> vendorauth:oauth2", "constantHeader");
        row(md, hot, "constantHeaderThenHttp", "direct -> constant header -> HTTP to the local vendor's API",
                "constantHeaderThenHttp");
        row(md, hot, "vendorauthThenHttp", "direct -> vendorauth -> HTTP to the local vendor's API",
                "constantHeaderThenHttp");
        row(md, hot, "camelHttpOAuth2Cached", "direct -> camel-http with oauth2CacheTokens=true", "constantHeaderThenHttp");
        row(md, hot, "constantHeaderWithCredentialHeader", "direct -> constant header, 10,000 tenants in the JVM, a"
                + " CamelVendorAuthCredential header set per exchange", "constantHeaderWithCredentialHeader");
        row(md, hot, "vendorauthCredentialPerExchange", "direct -> vendorauth, the credential named per exchange among"
                + " 10,000 tenants", "constantHeaderWithCredentialHeader");
        row(md, hot, "constantHeaderOverCallerToken", "direct -> constant header over the caller's Authorization (1 KB"
                + " token, a fresh string per exchange)", "constantHeaderOverCallerToken");
        row(md, hot, "vendorauthOnBehalfOfCaller", "direct -> vendorauth grantType=token_exchange, 1,000 callers already"
                + " exchanged, the caller's 1 KB token per exchange", "constantHeaderOverCallerToken");

        md.append("\n## 2. Token calls under load\n\n");
        md.append("Threads per member send exchanges as fast as they can for the run; the local token server answers"
                + " 4-second tokens after 20 ms and counts the calls. camel-http renews 1 s before expiry"
                + " (`oauth2CachedTokensExpirationMarginSeconds=1`): one call per 3 s, 1.33 calls per lifetime, is its"
                + " floor. vendorauth has `refreshMargin=1s`, capped at a fifth of the lifetime: its refresh window opens"
                + " 0.8 s before expiry and each copy refreshes in the first half of it, 1.18 to 1.25 calls per lifetime."
                + " The first fetch counts too, over three lifetimes. vendorauth members each have their own Hazelcast member, all of one"
                + " cluster, in one JVM; camel-http's cache is per endpoint, so per member. Calls per lifetime = calls /"
                + " (run time / token lifetime).\n\n");
        md.append("| what | members x threads | run | exchanges | failed | token calls | calls per lifetime |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Scenarios.Load load : loads) {
            md.append(f("| %s | %d x %d | %.1f s | %d | %d | %d | %.2f |%n", load.what(), load.members(),
                    load.threadsPerMember(), load.elapsedMillis() / 1000.0, load.exchanges(), load.failed(),
                    load.tokenCalls(), load.callsPerLifetime()));
        }

        md.append(f("%nThree separate JVMs (the cluster demo's `ClusterMember`, 4 threads each, calling a loopback API through"
                + " vendorauth; refresh margin 2 s, capped at a fifth of the lifetime) for %d s of 4-second tokens: the"
                + " token server saw %d calls (%.2f per lifetime; the members start a few seconds apart, so the calls span"
                + " more than the run).%n%n", jvms.ran().toSeconds(), jvms.tokenCalls(),
                jvms.tokenCalls() / (jvms.ran().toSeconds() / (double) jvms.tokenLifetime().toSeconds())));
        md.append("```\n");
        jvms.members().forEach(line -> md.append(line).append('\n'));
        md.append("```\n");

        md.append("\n## 3. Refresh boundary: latency across token expiries\n\n");
        md.append(f("8 threads for 12 s through `vendorauth:oauth2` alone; tokens live 2 s, the token endpoint takes 200 ms,"
                + " refresh margin 500 ms (capped at 400 ms, a fifth of the lifetime). %d exchanges, %d token calls. `waits` is the component's own count of exchanges"
                + " that found no usable token and waited for a fetch (the first exchange is one); slow exchanges that did"
                + " not wait were held up by something else (GC, a busy machine).%n%n", latency.exchanges(),
                latency.tokenCalls()));
        md.append("| p50 | p99 | p99.9 | max | exchanges over 100 ms | waits |\n|---:|---:|---:|---:|---:|---:|\n");
        md.append(f("| %.1f us | %.1f us | %.1f us | %.1f us | %d | %d |%n", latency.p50(), latency.p99(), latency.p999(),
                latency.max(), latency.over100ms(), latency.waits()));

        md.append("\n## 4. Cold start and memory\n\n");
        md.append("From a new CamelContext to its first enriched exchange (the first token fetched from the local server),"
                + " and the heap in use after a GC. Three runs each, in one JVM (later runs profit from loaded classes).\n\n");
        md.append("| store | run | start to first exchange | heap used |\n|---|---:|---:|---:|\n");
        for (int i = 0; i < coldStarts.size(); i++) {
            Scenarios.ColdStart cold = coldStarts.get(i);
            md.append(f("| %s | %d | %d ms | %d MiB |%n", cold.store(), i / 2 + 1, cold.millis(), cold.heapMegabytes()));
        }
        md.append("\n## 5. Refresh ahead: token calls per token lifetime\n\n");
        md.append("A busy route on the component's policy with its default options (`refreshMargin` 60 s, capped at a"
                + " fifth of the lifetime), on a clock of its own so that twenty lifetimes of one-hour tokens pass in"
                + " seconds, against the local vendor over HTTP: an exchange every hundredth of the lifetime (at most every"
                + " second), for 20 lifetimes. Calls per lifetime = (token calls - the first fetch) / 20. Goal: at most"
                + " 1.25. `waits`: exchanges that found no usable token (the first one is one).\n\n");
        md.append("| token lifetime | token calls | calls per lifetime | waits |\n|---:|---:|---:|---:|\n");
        for (RefreshCost.Result cost : refreshCosts) {
            md.append(f("| %s | %d | %.2f | %d |%n", human(cost.lifetime()), cost.tokenCalls(), cost.callsPerLifetime(),
                    cost.waits()));
        }

        md.append("\n## 6. Memory: credentials in use and gone idle\n\n");
        md.append(f("A route whose credential is a tenant from the exchange (`toD` with a token URL per tenant),"
                + " in-memory store, 30-second tokens: %,d tenants, one exchange each, then none; `credentialIdleTimeout`"
                + " 20 s. Heap in use after a GC, in one JVM. Once the tenants went idle, the component holds nothing of"
                + " theirs; the heap still holds the store's %,d tokens until they expire (the in-memory store sweeps"
                + " expired entries at most once a minute, when a flight is claimed: the last column is after one more"
                + " exchange past that minute; a Hazelcast map expires its entries by itself) and Camel's caches of"
                + " dynamic endpoints and producers (up to 1,000 each by default).%n%n", memory.credentials(),
                memory.credentials()));
        md.append("| heap at start (1 credential) | with all in use | per credential in use | after all went idle |"
                + " idle after | after the store's sweep |\n|---:|---:|---:|---:|---:|---:|\n");
        md.append(f("| %.1f MiB | %.1f MiB | %.0f bytes | %.1f MiB | %.1f s | %.1f MiB |%n", mib(memory.baselineBytes()),
                mib(memory.liveBytes()), memory.bytesPerLiveCredential(), mib(memory.idleBytes()),
                memory.idleAfterMillis() / 1000.0, mib(memory.sweptBytes())));

        md.append("\n## 7. Many tenants through one endpoint\n\n");
        md.append(f("A route whose exchanges name their credential (header `CamelVendorAuthCredential`) among %,d tenants of"
                + " a `CredentialProvider`, in-memory store, one-hour tokens. Heap in use after a GC with one tenant, then"
                + " with all in use (the local vendor's own records of the tokens it issued dropped first); then %,d"
                + " exchanges round the tenants, counting the provider's calls.%n%n",
                named.tenants(), named.exchanges()));
        md.append("| tenants | heap with one | heap with all | per tenant in use | exchanges | provider calls |"
                + " provider calls per exchange |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append(f("| %,d | %.1f MiB | %.1f MiB | %.0f bytes | %,d | %d | %.6f |%n", named.tenants(),
                mib(named.baselineBytes()), mib(named.liveBytes()), named.bytesPerTenant(), named.exchanges(),
                named.providerCalls(), named.providerCalls() / (double) named.exchanges()));

        md.append("\n## Reading it\n\n");
        md.append("- Numbers are from one run on the machine above, shared with whatever else ran (see the load"
                + " average); compare rows within this file, not with other machines.\n");
        md.append("- The hot path goal is vendorauth within 10 % of the constant header; the token-call goal is one call"
                + " per token lifetime (less the refresh margin) for the whole cluster, whatever the members and threads;"
                + " refresh ahead at most 1.25 calls per lifetime from 2 s tokens up; memory that follows the credentials"
                + " in use.\n");
        Files.writeString(output, md.toString());
    }

    private static void row(StringBuilder md, Map<String, double[]> hot, String name, String label, String baseline) {
        double[] scores = hot.get(name);
        double[] base = hot.get(baseline);
        md.append(f("| %s | %.0f | %.0f | %.0f | %.2f |%n", label, median(scores), scores[0], scores[scores.length - 1],
                median(scores) / median(base)));
    }
}
