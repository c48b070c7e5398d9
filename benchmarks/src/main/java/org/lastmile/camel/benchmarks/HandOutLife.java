package org.lastmile.camel.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

        /** Token calls per lifetime of the run, the first fetch left out: what refreshing ahead costs in a steady state. */
        double callsPerLifetime() {
            return (tokenCalls - 1) / (elapsedMillis / (double) lifetime.toMillis());
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
                + " token it carries minus now. A figure at or below 0 is a token handed out past its life. Every exchange of"
                + " the run counts (a tally per millisecond of remaining life). Calls per lifetime leave the first fetch out:"
                + " the refresh ahead of a steady state, whose bound is 1.25.\n\n");
        md.append("| token lifetime | run | exchanges | least remaining life | 0.01 % quantile | past its life |"
                + " token calls | calls per lifetime after the first |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
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
            List<CompletableFuture<Tally>> running = new ArrayList<>();
            for (CamelContext camel : contexts) {
                ProducerTemplate template = camel.createProducerTemplate();
                for (int t = 0; t < 8; t++) {
                    running.add(CompletableFuture.supplyAsync(() -> {
                        Tally tally = new Tally(lifetime);
                        while (System.nanoTime() < end) {
                            String header = template.request(Routes.VENDORAUTH, exchange -> { }).getMessage()
                                    .getHeader("Authorization", String.class);
                            long now = System.currentTimeMillis();
                            Instant expiresAt = header == null ? null : vendor.expiresAt(header);
                            if (expiresAt != null) {
                                tally.add(expiresAt.toEpochMilli() - now);
                            }
                        }
                        return tally;
                    }, threads));
                }
            }
            Tally all = new Tally(lifetime);
            running.stream().map(CompletableFuture::join).forEach(all::addAll);
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            return new Result(lifetime, all.count, all.min, all.quantile(0.0001), all.expired, vendor.tokenCalls(),
                    elapsed);
        } finally {
            threads.shutdownNow();
            for (CamelContext camel : contexts) {
                camel.stop();
            }
            members.forEach(member -> member.getLifecycleService().terminate());
        }
    }

    /**
     * The remaining lives of one thread's hand-outs: a count per millisecond of remaining life rather than every figure, so
     * that a run of any length is measured whole.
     */
    private static final class Tally {
        private final long[] perMillisecond;
        private long count;
        private long expired;
        private long min = Long.MAX_VALUE;

        Tally(Duration lifetime) {
            perMillisecond = new long[(int) lifetime.toMillis() + 1];
        }

        void add(long remainingMillis) {
            count++;
            min = Math.min(min, remainingMillis);
            if (remainingMillis <= 0) {
                expired++;
            } else {
                perMillisecond[(int) Math.min(remainingMillis, perMillisecond.length - 1)]++;
            }
        }

        void addAll(Tally other) {
            count += other.count;
            expired += other.expired;
            min = Math.min(min, other.min);
            for (int i = 0; i < perMillisecond.length; i++) {
                perMillisecond[i] += other.perMillisecond[i];
            }
        }

        /** The remaining life below which that fraction of hand-outs fell; the least one when expired ones reach it. */
        long quantile(double fraction) {
            long rank = (long) (count * fraction);
            long seen = expired;
            if (seen > rank) {
                return min;
            }
            for (int millis = 1; millis < perMillisecond.length; millis++) {
                seen += perMillisecond[millis];
                if (seen > rank) {
                    return millis;
                }
            }
            return perMillisecond.length - 1;
        }
    }
}
