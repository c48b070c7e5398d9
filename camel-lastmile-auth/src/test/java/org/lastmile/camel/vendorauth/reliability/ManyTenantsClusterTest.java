package org.lastmile.camel.vendorauth.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.VendorAuthConstants;
import org.lastmile.camel.vendorauth.spi.CredentialProvider;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.TokenServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many tenants through one endpoint on three real Hazelcast members: each tenant's token is fetched once for the whole
 * cluster and never given to another tenant; one tenant refused fails none of the others; a secret rotated under load is
 * picked up without a failed exchange.
 */
class ManyTenantsClusterTest {

    private static final int TENANTS = 200;

    private final LoopbackCluster cluster = new LoopbackCluster();
    private final List<CamelContext> members = new ArrayList<>();
    private final Map<String, Map<String, String>> vault = new ConcurrentHashMap<>();
    private TokenServer vendor;

    @BeforeEach
    void start() throws Exception {
        vendor = TokenServer.http();
        for (int i = 0; i < TENANTS; i++) {
            vendor.accept("client-" + i, "secret-" + i);
            vault.put("t" + i, Map.of("clientId", "client-" + i, "clientSecret", "secret-" + i, "tenantId", "t" + i));
        }
        CredentialProvider provider = vault::get;
        for (int m = 0; m < 3; m++) {
            VendorAuthComponent component = CamelApplications.sharingThrough(cluster.startMember());
            members.add(CamelApplications.start(component, new RouteBuilder() {
                @Override
                public void configure() {
                    getContext().getRegistry().bind("vault", provider);
                    from("direct:api").to("vendorauth:oauth2?tokenUrl=" + vendor.tokenUrl() + "&credentialProvider=#vault");
                    from("direct:invalidate").to("vendorauth:oauth2?tokenUrl=" + vendor.tokenUrl()
                            + "&credentialProvider=#vault&operation=invalidate");
                }
            }));
        }
    }

    @AfterEach
    void stop() {
        members.forEach(CamelContext::stop);
        cluster.close();
        vendor.close();
    }

    private static Exchange call(CamelContext member, String tenant) {
        return member.createProducerTemplate().request("direct:api",
                exchange -> exchange.getMessage().setHeader(VendorAuthConstants.CREDENTIAL, tenant));
    }

    /** Sends {@code perThread} exchanges from each of 4 threads per member, each to a random tenant of {@code tenants}. */
    private Load load(int tenants, int perThread, Runnable midway) throws Exception {
        Load load = new Load();
        ExecutorService threads = Executors.newFixedThreadPool(members.size() * 4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (CamelContext member : members) {
                for (int t = 0; t < 4; t++) {
                    running.add(threads.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            if (i == perThread / 2 && midway != null) {
                                midway.run();
                            }
                            String tenant = "t" + ThreadLocalRandom.current().nextInt(tenants);
                            Exchange done = call(member, tenant);
                            load.record(tenant, done);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> each : running) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return load;
    }

    /** What a load saw: exchanges, failures per tenant, and tokens carried by another tenant's exchange. */
    private static final class Load {
        final AtomicInteger sent = new AtomicInteger();
        final Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();
        final AtomicInteger crossed = new AtomicInteger();

        void record(String tenant, Exchange done) {
            sent.incrementAndGet();
            if (done.getException() != null) {
                failed.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
                return;
            }
            String client = "client-" + tenant.substring(1) + "-";
            if (!done.getMessage().getHeader("Authorization", String.class).startsWith("Bearer issued-" + client)) {
                crossed.incrementAndGet();
            }
        }

        int failures() {
            return failed.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    @Test
    void everyTenantGetsOneTokenForTheClusterAndNoneOfAnother() throws Exception {
        Load load = load(TENANTS, 150, null);

        assertThat(load.sent).hasValue(3 * 4 * 150);
        assertThat(load.failures()).isZero();
        assertThat(load.crossed).as("exchanges that carried another tenant's token").hasValue(0);
        for (int i = 0; i < TENANTS; i++) {
            assertThat(vendor.tokensIssuedTo("client-" + i)).as("token calls of tenant %d", i).isLessThanOrEqualTo(1);
        }
        for (CamelContext member : members) {
            WritableHealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(member, "producers",
                    WritableHealthCheckRepository.class);
            producers.setEnabled(true);
            HealthCheck.Result health = producers.stream().filter(check -> check.getId().contains("-named-"))
                    .findFirst().orElseThrow().call();
            assertThat(health.getState()).isEqualTo(HealthCheck.State.UP);
            assertThat((Integer) health.getDetails().get("credentials.in.use")).isBetween(TENANTS / 2, TENANTS);
            assertThat(health.getDetails()).containsEntry("credentials.failing", 0);
        }
        long asked = vendor.requests().size();
        assertThat(asked).as("one token call per tenant in use, for the cluster").isEqualTo(
                java.util.stream.IntStream.range(0, TENANTS).filter(i -> vendor.tokensIssuedTo("client-" + i) == 1)
                        .count());
    }

    @Test
    void aRefusedTenantFailsNoOtherAndARotatedSecretCostsNoFailedExchange() throws Exception {
        // t0's secret is rotated at the vendor alone: only t0's exchanges may fail
        vendor.accept("client-0", "secret-0-rotated");
        Load refused = load(20, 60, null);
        assertThat(refused.failed.keySet()).containsOnly("t0");
        assertThat(refused.crossed).hasValue(0);

        // t1 rotates under load: the vault first, then the vendor, then an API refuses t1's token (as a 401 would)
        int before = vendor.requests().size();
        // twelve threads pass midway at about the same time: exactly one rotates, or a second would refuse a token
        // the first had already invalidated
        AtomicBoolean rotation = new AtomicBoolean();
        Load rotated = load(20, 60, () -> {
            if (rotation.compareAndSet(false, true)) {
                vault.put("t1", Map.of("clientId", "client-1", "clientSecret", "secret-1-new", "tenantId", "t1"));
                vendor.accept("client-1", "secret-1-new");
                Exchange current = call(members.get(0), "t1");
                Exchange invalidated = members.get(1).createProducerTemplate().request("direct:invalidate", exchange -> {
                    exchange.getMessage().setHeader(VendorAuthConstants.CREDENTIAL, "t1");
                    exchange.getMessage().setHeader("Authorization", current.getMessage().getHeader("Authorization"));
                });
                assertThat(invalidated.getMessage().getHeader(VendorAuthConstants.INVALIDATED, Boolean.class)).isTrue();
            }
        });
        assertThat(rotated.failed.keySet()).as("failed tenants once the vault had the new secret").containsOnly("t0");
        assertThat(rotated.crossed).hasValue(0);
        assertThat(vendor.tokensIssuedTo("client-1")).as("t1's first token and the one of its new secret").isEqualTo(2);
        long refusedCalls = vendor.requests().stream().skip(before)
                .filter(r -> r.form().get("tenantId") != null && r.form().get("tenantId").equals("t1")).count() - 1;
        assertThat(refusedCalls).as("calls of t1 with the old secret after the rotation").isLessThanOrEqualTo(2);
    }
}
