package org.lastmile.camel.examples;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every vendor's route gets its token in that vendor's dialect from the sandbox, and reuses it. */
class VendorsDemoTest {

    @Test
    void eachVendorIsCalledWithItsOwnDialect() throws Exception {
        Map<String, VendorsDemo.VendorResult> results = VendorsDemo.run(2, Duration.ofSeconds(3), Duration.ofSeconds(30));

        assertThat(results).containsOnlyKeys(VendorsDemo.VENDORS);
        results.forEach((vendor, result) -> {
            assertThat(result.failedCalls()).as(vendor + " failed calls").isZero();
            assertThat(result.apiCalls()).as(vendor + " API calls").isGreaterThan(10);
            assertThat(result.tokenCalls()).as(vendor + " token calls for 30 s tokens in 3 s").isEqualTo(1);
        });
    }
}
