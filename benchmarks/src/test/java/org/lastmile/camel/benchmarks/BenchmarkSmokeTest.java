package org.lastmile.camel.benchmarks;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmarks from rotting: each scenario runs briefly and must produce numbers. No timing is asserted; the
 * measurements themselves are {@code mvn -Pbench -DskipTests package}.
 */
class BenchmarkSmokeTest {

    @Test
    void everyHotPathRouteWorks() throws Exception {
        HotPathBenchmark benchmark = new HotPathBenchmark();
        benchmark.start();
        try {
            assertThat(benchmark.constantHeader()).isNotNull();
            assertThat(benchmark.vendorauth()).isNotNull();
            assertThat(benchmark.constantHeaderThenHttp()).isNotNull();
            assertThat(benchmark.vendorauthThenHttp()).isNotNull();
            assertThat(benchmark.camelHttpOAuth2Cached()).isNotNull();
        } finally {
            benchmark.stop();
        }
    }

    @Test
    void loadCountsTokenCalls() throws Exception {
        Scenarios.Load load = Scenarios.load("vendorauth", Routes.VENDORAUTH, 2, 2, Duration.ofSeconds(2),
                Duration.ofSeconds(1), true);
        assertThat(load.failed()).isZero();
        assertThat(load.exchanges()).isPositive();
        assertThat(load.tokenCalls()).isPositive();
    }

    @Test
    void refreshCostAndMemoryAreMeasured() throws Exception {
        RefreshCost.Result cost = RefreshCost.measure(Duration.ofSeconds(2), 2);
        assertThat(cost.tokenCalls()).isPositive();
        Scenarios.Memory memory = Scenarios.memory(20, Duration.ofMillis(300), Duration.ofSeconds(1), false);
        assertThat(memory.liveBytes()).isPositive();
        assertThat(memory.idleBytes()).isPositive();
    }

    @Test
    void latencyAndColdStartAreMeasured() throws Exception {
        Scenarios.Latency latency = Scenarios.refreshBoundary(2, Duration.ofSeconds(2));
        assertThat(latency.exchanges()).isPositive();
        assertThat(latency.p50()).isPositive();
        Scenarios.ColdStart cold = Scenarios.coldStart(false);
        assertThat(cold.millis()).isPositive();
    }
}
