package org.lastmile.camel.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.VendorAuthConstants;
import org.lastmile.camel.vendorauth.VendorAuthEndpoint;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.EmbeddedHazelcast;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;

/** The measurements that are not JMH's: token calls under load, latency across refreshes, cold start. */
final class Scenarios {

    /** What a load run saw. */
    record Load(String what, int members, int threadsPerMember, long elapsedMillis, long exchanges, long failed,
                int tokenCalls, Duration lifetime) {
        double callsPerLifetime() {
            return tokenCalls / (elapsedMillis / (double) lifetime.toMillis());
        }
    }

    /** Latency of exchanges across many token expiries, in microseconds. */
    record Latency(long exchanges, int tokenCalls, long waits, double p50, double p99, double p999, double max,
                   long over100ms) {
    }

    /** Start-up of a context to its first enriched exchange, and the heap in use then. */
    record ColdStart(String store, long millis, long heapMegabytes) {
    }

    /**
     * The heap after a GC: before, with many credentials in use, once they all went idle, and once the store swept their
     * expired tokens too.
     */
    record Memory(int credentials, long baselineBytes, long liveBytes, long idleBytes, long idleAfterMillis,
                  long sweptBytes) {
        double bytesPerLiveCredential() {
            return (liveBytes - baselineBytes) / (double) credentials;
        }
    }

    /**
     * Tenants chosen by name per exchange.
     *
     * @param tenants        how many
     * @param baselineBytes  heap after a GC with one tenant in use
     * @param liveBytes      heap after a GC with all in use
     * @param exchanges      exchanges sent once all were in use
     * @param providerCalls  the provider's calls during those exchanges
     */
    record NamedTenants(int tenants, long baselineBytes, long liveBytes, long exchanges, long providerCalls) {
        double bytesPerTenant() {
            return (liveBytes - baselineBytes) / (double) (tenants - 1);
        }
    }

    private Scenarios() {
    }

    /** Heap per tenant in use, and the provider's calls per exchange once every tenant has its token. */
    static NamedTenants namedTenants(int count, int exchangesPerTenant) throws Exception {
        try (LocalVendor vendor = new LocalVendor(Duration.ofHours(1), Duration.ZERO)) {
            Tenants tenants = new Tenants(vendor.tokenUrl(), count);
            CamelContext camel = Routes.startNamed(vendor, tenants);
            try {
                ProducerTemplate template = camel.createProducerTemplate();
                template.sendBodyAndHeader(Routes.VENDORAUTH_NAMED, "", VendorAuthConstants.CREDENTIAL, tenants.name(0));
                vendor.forgetIssuedTokens();
                long baseline = heapAfterGc();
                for (int i = 1; i < count; i++) {
                    template.sendBodyAndHeader(Routes.VENDORAUTH_NAMED, "", VendorAuthConstants.CREDENTIAL, tenants.name(i));
                }
                vendor.forgetIssuedTokens();
                long live = heapAfterGc();
                long callsBefore = tenants.calls();
                long exchanges = (long) count * exchangesPerTenant;
                for (long i = 0; i < exchanges; i++) {
                    template.sendBodyAndHeader(Routes.VENDORAUTH_NAMED, "", VendorAuthConstants.CREDENTIAL, tenants.name(i));
                }
                return new NamedTenants(count, baseline, live, exchanges, tenants.calls() - callsBefore);
            } finally {
                camel.stop();
            }
        }
    }

    /**
     * Many threads on several members send to {@code route} for {@code duration}; the vendor counts the token calls.
     *
     * @param cluster whether each member gets a Hazelcast member of one cluster (vendorauth's default), or none
     */
    static Load load(String what, String route, int members, int threadsPerMember, Duration duration, Duration lifetime,
                     boolean cluster) throws Exception {
        String clusterName = "bench-" + UUID.randomUUID();
        int port = 20000 + 10 * ThreadLocalRandom.current().nextInt(3000);
        List<HazelcastInstance> hazelcast = new ArrayList<>();
        List<CamelContext> contexts = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(members * threadsPerMember);
        try (LocalVendor vendor = new LocalVendor(lifetime, Duration.ofMillis(20))) {
            for (int m = 0; m < members; m++) {
                HazelcastInstance member = cluster ? EmbeddedHazelcast.start(clusterName, port, 10, "127.0.0.1") : null;
                if (member != null) {
                    hazelcast.add(member);
                }
                contexts.add(Routes.start(vendor, member, Duration.ofSeconds(1)));
            }
            AtomicLong exchanges = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long started = System.nanoTime();
            long end = started + duration.toNanos();
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (CamelContext camel : contexts) {
                ProducerTemplate template = camel.createProducerTemplate();
                for (int t = 0; t < threadsPerMember; t++) {
                    running.add(CompletableFuture.runAsync(() -> {
                        while (System.nanoTime() < end) {
                            exchanges.incrementAndGet();
                            if (template.request(route, exchange -> { }).getException() != null) {
                                failed.incrementAndGet();
                            }
                        }
                    }, threads));
                }
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            return new Load(what, members, threadsPerMember, elapsed, exchanges.get(), failed.get(), vendor.tokenCalls(),
                    lifetime);
        } finally {
            threads.shutdownNow();
            for (CamelContext camel : contexts) {
                camel.stop();
            }
            hazelcast.forEach(member -> member.getLifecycleService().terminate());
        }
    }

    /**
     * Threads send to vendorauth for {@code duration} while 2 s tokens expire and the vendor takes 200 ms per token call.
     */
    static Latency refreshBoundary(int threadCount, Duration duration) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(threadCount);
        try (LocalVendor vendor = new LocalVendor(Duration.ofSeconds(2), Duration.ofMillis(200))) {
            CamelContext camel = Routes.start(vendor, null, Duration.ofMillis(500));
            try {
                ProducerTemplate template = camel.createProducerTemplate();
                template.requestBody(Routes.VENDORAUTH, "");
                long end = System.nanoTime() + duration.toNanos();
                List<CompletableFuture<long[]>> running = new ArrayList<>();
                for (int t = 0; t < threadCount; t++) {
                    running.add(CompletableFuture.supplyAsync(() -> {
                        long[] nanos = new long[4_000_000];
                        int n = 0;
                        while (n < nanos.length && System.nanoTime() < end) {
                            long before = System.nanoTime();
                            template.requestBody(Routes.VENDORAUTH, "");
                            nanos[n++] = System.nanoTime() - before;
                        }
                        return Arrays.copyOf(nanos, n);
                    }, threads));
                }
                long[] all = running.stream().map(CompletableFuture::join).flatMapToLong(Arrays::stream).sorted()
                        .toArray();
                long slow = Arrays.stream(all).filter(nanos -> nanos > 100_000_000L).count();
                long waits = camel.getEndpoints().stream().filter(VendorAuthEndpoint.class::isInstance)
                        .mapToLong(endpoint -> ((VendorAuthEndpoint) endpoint).getWaits()).sum();
                return new Latency(all.length, vendor.tokenCalls(), waits, micros(all, 0.50), micros(all, 0.99),
                        micros(all, 0.999), all[all.length - 1] / 1000.0, slow);
            } finally {
                camel.stop();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A route whose credential is a tenant taken from the exchange: {@code credentials} tenants, one exchange each, then
     * nothing until the component has let them all go; then, once their tokens expired, one exchange more, which lets the
     * in-memory store sweep them (it does at most once a minute, when a flight is claimed).
     *
     * @param awaitSweep whether to wait for the store's sweep (a minute); without, the last figure is taken at once
     */
    static Memory memory(int credentials, Duration credentialIdleTimeout, Duration tokenLifetime, boolean awaitSweep)
            throws Exception {
        try (LocalVendor vendor = new LocalVendor(tokenLifetime, Duration.ZERO)) {
            CamelContext camel = new DefaultCamelContext();
            VendorAuthComponent component = new VendorAuthComponent();
            component.setTokenStore(new InMemoryTokenStore());
            component.setCredentialIdleTimeout(credentialIdleTimeout.toMillis());
            // the tenants and the baseline tenant 0 all fit: this measures memory, not the cap
            component.setMaxCredentials(credentials + 1);
            camel.addComponent("vendorauth", component);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // a token URL per tenant: the strict vendor knows one client and no further parameter
                    from("direct:tenant").toD("vendorauth:oauth2?tokenUrl=RAW(" + vendor.tokenUrl()
                            + "?tenant=${header.tenant})&clientId=" + LocalVendor.CLIENT.clientId() + "&clientSecret="
                            + LocalVendor.CLIENT.clientSecret());
                }
            });
            camel.start();
            try {
                ProducerTemplate template = camel.createProducerTemplate();
                long firstSweep = System.nanoTime();
                template.sendBodyAndHeader("direct:tenant", "", "tenant", 0);
                long baseline = heapAfterGc();
                for (int tenant = 1; tenant <= credentials; tenant++) {
                    template.sendBodyAndHeader("direct:tenant", "", "tenant", tenant);
                }
                long live = heapAfterGc();
                long idleSince = System.nanoTime();
                while (component.credentialsInUse() > 0) {
                    Thread.sleep(100);
                }
                long idleAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - idleSince);
                long idle = heapAfterGc();
                long sweepDue = firstSweep + TimeUnit.SECONDS.toNanos(61) + tokenLifetime.toNanos();
                while (awaitSweep && System.nanoTime() < sweepDue) {
                    Thread.sleep(100);
                }
                template.sendBodyAndHeader("direct:tenant", "", "tenant", 0);
                return new Memory(credentials, baseline, live, idle, idleAfter, heapAfterGc());
            } finally {
                camel.stop();
            }
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double micros(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1000.0;
    }

    /** From a new context to its first enriched exchange, with the component's own Hazelcast member or in memory. */
    static ColdStart coldStart(boolean hazelcast) throws Exception {
        try (LocalVendor vendor = new LocalVendor(Duration.ofHours(1), Duration.ZERO)) {
            long started = System.nanoTime();
            CamelContext camel = new DefaultCamelContext();
            VendorAuthComponent component = new VendorAuthComponent();
            if (hazelcast) {
                component.setClusterName("bench-cold-" + UUID.randomUUID());
                component.setHazelcastPort(20000 + 10 * ThreadLocalRandom.current().nextInt(3000));
            } else {
                component.setTokenStore(new InMemoryTokenStore());
            }
            camel.addComponent("vendorauth", component);
            camel.start();
            try {
                camel.createProducerTemplate().requestBody("vendorauth:oauth2?tokenUrl=" + vendor.tokenUrl()
                        + "&clientId=" + LocalVendor.CLIENT.clientId() + "&clientSecret="
                        + LocalVendor.CLIENT.clientSecret(), "");
                long millis = (System.nanoTime() - started) / 1_000_000;
                System.gc();
                Runtime runtime = Runtime.getRuntime();
                long heap = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
                return new ColdStart(hazelcast ? "embedded Hazelcast member" : "in-memory", millis, heap);
            } finally {
                camel.stop();
            }
        }
    }
}
