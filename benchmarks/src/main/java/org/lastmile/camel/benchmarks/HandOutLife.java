package org.lastmile.camel.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.EmbeddedHazelcast;

/**
 * The remaining life of each token at hand-out: three members of one cluster, 8 threads each, send exchanges through
 * {@code vendorauth:oauth2} for a few lifetimes with the default skew; right after each exchange, the vendor's expiry of
 * the token it carries, by the vendor's clock, minus now. A negative figure is a token handed out past its life.
 */
final class HandOutLife {

    /**
     * @param lifetime     the tokens' lifetime
     * @param handOuts     exchanges measured
     * @param minMillis    the least remaining life seen
     * @param q0001Millis  the 0.01 % quantile of it
     * @param expired      exchanges that carried a token past its life
     * @param tokenCalls   token calls of the run
     * @param elapsedMillis how long the run took
     */
    record Result(Duration lifetime, long handOuts, long minMillis, long q0001Millis, long expired, int tokenCalls,
                  long elapsedMillis) {

        double callsPerLifetime() {
            return tokenCalls / (elapsedMillis / (double) lifetime.toMillis());
        }
    }

    private static final String SECTION = "## 9. The edge of a token's life: remaining life at hand-out";

    private HandOutLife() {
    }

    /** Puts this section into the benchmarks file before "Reading it", in place of an earlier copy. */
    static void append(Path output, List<Result> results) throws IOException {
        StringBuilder md = new StringBuilder(SECTION).append("\n\n");
        md.append("Three Hazelcast members in one JVM, 8 threads each, through `vendorauth:oauth2` with the default skew"
                + " (`minExpirySkew` 250 ms: max(250 ms, a tenth of the lifetime), at most 5 s, never before the refresh"
                + " window); the local vendor answers after 20 ms. Right after each exchange: the vendor's expiry of the"
                + " token it carries minus now. A figure at or below 0 is a token handed out past its life.\n\n");
        md.append("| token lifetime | run | exchanges | least remaining life | 0.01 % quantile | past its life |"
                + " token calls | calls per lifetime |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result edge : results) {
            md.append(String.format(Locale.ROOT, "| %d s | %.0f s | %d | %d ms | %d ms | %d | %d | %.2f |%n",
                    edge.lifetime().toSeconds(), edge.elapsedMillis() / 1000.0, edge.handOuts(), edge.minMillis(),
                    edge.q0001Millis(), edge.expired(), edge.tokenCalls(), edge.callsPerLifetime()));
        }
        MarkdownSections.put(output, md.toString());
    }

    static Result measure(Duration lifetime, Duration duration) throws Exception {
        String clusterName = "bench-edge-" + UUID.randomUUID();
        int port = 20000 + 10 * ThreadLocalRandom.current().nextInt(3000);
        List<HazelcastInstance> members = new ArrayList<>();
        List<CamelContext> contexts = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(24);
        try (LocalVendor vendor = new LocalVendor(lifetime, Duration.ofMillis(20))) {
            for (int m = 0; m < 3; m++) {
                HazelcastInstance member = EmbeddedHazelcast.start(clusterName, port, 10, "127.0.0.1");
                members.add(member);
                contexts.add(Routes.start(vendor, member, Duration.ofSeconds(60)));
            }
            long started = System.nanoTime();
            long end = started + duration.toNanos();
            List<CompletableFuture<long[]>> running = new ArrayList<>();
            for (CamelContext camel : contexts) {
                ProducerTemplate template = camel.createProducerTemplate();
                for (int t = 0; t < 8; t++) {
                    running.add(CompletableFuture.supplyAsync(() -> {
                        long[] remaining = new long[1 << 20];
                        int n = 0;
                        while (n < remaining.length && System.nanoTime() < end) {
                            String header = template.request(Routes.VENDORAUTH, exchange -> { }).getMessage()
                                    .getHeader("Authorization", String.class);
                            long now = System.currentTimeMillis();
                            if (header != null && vendor.expiresAt(header) != null) {
                                remaining[n++] = vendor.expiresAt(header).toEpochMilli() - now;
                            }
                        }
                        return Arrays.copyOf(remaining, n);
                    }, threads));
                }
            }
            long[] all = running.stream().map(CompletableFuture::join).flatMapToLong(Arrays::stream).sorted().toArray();
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            long expired = Arrays.stream(all).filter(millis -> millis <= 0).count();
            return new Result(lifetime, all.length, all[0], all[(int) (all.length * 0.0001)], expired,
                    vendor.tokenCalls(), elapsed);
        } finally {
            threads.shutdownNow();
            for (CamelContext camel : contexts) {
                camel.stop();
            }
            members.forEach(member -> member.getLifecycleService().terminate());
        }
    }
}
