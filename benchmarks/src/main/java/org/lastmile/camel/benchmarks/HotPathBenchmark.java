package org.lastmile.camel.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.lastmile.camel.vendorauth.VendorAuthConstants;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost per exchange with a valid token at hand: vendorauth against a constant header, first on their own (the
 * header is the whole work), then each before the same HTTP call, where camel-http's own cached OAuth2 is measured too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {

    private LocalVendor vendor;
    private CamelContext camel;
    private ProducerTemplate template;

    @Setup(Level.Trial)
    public void start() throws Exception {
        vendor = new LocalVendor(Duration.ofHours(1), Duration.ZERO);
        camel = Routes.start(vendor, null, Duration.ofSeconds(60));
        template = camel.createProducerTemplate();
        // the first token and the first connections are not what is measured
        for (String route : new String[] { Routes.VENDORAUTH, Routes.VENDORAUTH_HTTP, Routes.CAMEL_HTTP_OAUTH2 }) {
            template.sendBody(route, "");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        camel.stop();
        vendor.close();
    }

    @Benchmark
    public Object constantHeader() {
        return template.requestBody(Routes.CONSTANT, "");
    }

    @Benchmark
    public Object vendorauth() {
        return template.requestBody(Routes.VENDORAUTH, "");
    }

    @Benchmark
    public Object constantHeaderThenHttp() {
        return template.requestBody(Routes.CONSTANT_HTTP, "");
    }

    @Benchmark
    public Object vendorauthThenHttp() {
        return template.requestBody(Routes.VENDORAUTH_HTTP, "");
    }

    /** 10,000 tenants, each with its token at hand; each exchange names the next one. */
    @State(Scope.Benchmark)
    public static class ManyTenants {
        private LocalVendor vendor;
        private CamelContext camel;
        private ProducerTemplate template;
        private Tenants tenants;
        private final AtomicLong next = new AtomicLong();

        @Setup(Level.Trial)
        public void start() throws Exception {
            vendor = new LocalVendor(Duration.ofHours(1), Duration.ZERO);
            tenants = new Tenants(vendor.tokenUrl(), 10_000);
            camel = Routes.startNamed(vendor, tenants);
            template = camel.createProducerTemplate();
            for (int i = 0; i < tenants.count(); i++) {
                template.sendBodyAndHeader(Routes.VENDORAUTH_NAMED, "", VendorAuthConstants.CREDENTIAL, tenants.name(i));
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            camel.stop();
            vendor.close();
        }
    }

    @Benchmark
    public Object constantHeaderWithCredentialHeader(ManyTenants state) {
        return template.requestBodyAndHeader(Routes.CONSTANT, "", VendorAuthConstants.CREDENTIAL,
                state.tenants.name(state.next.getAndIncrement()));
    }

    @Benchmark
    public Object vendorauthCredentialPerExchange(ManyTenants state) {
        return state.template.requestBodyAndHeader(Routes.VENDORAUTH_NAMED, "", VendorAuthConstants.CREDENTIAL,
                state.tenants.name(state.next.getAndIncrement()));
    }

    @Benchmark
    public Object camelHttpOAuth2Cached() {
        return template.requestBody(Routes.CAMEL_HTTP_OAUTH2, "");
    }

    /** 1,000 callers, each with its exchanged token at hand; each exchange brings the next caller's header. */
    @State(Scope.Benchmark)
    public static class OnBehalf {
        private Callers callers;
        private ProducerTemplate template;
        private final AtomicLong next = new AtomicLong();

        @Setup(Level.Trial)
        public void start() throws Exception {
            callers = new Callers(1000);
            template = callers.template();
            callers.exchangeAll(template, 0, callers.count());
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            callers.close();
        }
    }

    @Benchmark
    public Object constantHeaderOverCallerToken(OnBehalf state) {
        return state.template.requestBodyAndHeader(Callers.CONSTANT, "", "Authorization",
                state.callers.header(state.next.getAndIncrement()));
    }

    @Benchmark
    public Object vendorauthOnBehalfOfCaller(OnBehalf state) {
        return state.template.requestBodyAndHeader(Callers.ON_BEHALF, "", "Authorization",
                state.callers.header(state.next.getAndIncrement()));
    }
}
