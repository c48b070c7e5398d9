package org.lastmile.camel.examples;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo runs, calls the sandbox through vendorauth, and needs one token per lifetime. */
class OrdersDemoTest {

    @Test
    void manyCallsFewTokens() throws Exception {
        OrdersDemo.Result result = OrdersDemo.run(4, Duration.ofSeconds(5), Duration.ofSeconds(2));

        assertThat(result.failedCalls()).isZero();
        assertThat(result.apiCalls()).isGreaterThan(20);
        // 5 s of 2 s tokens refreshed 1 s ahead: at most one token per second of run, plus the first
        assertThat(result.tokenCalls()).isBetween(1, 6);
    }
}
