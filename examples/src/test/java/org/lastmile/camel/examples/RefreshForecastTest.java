package org.lastmile.camel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RefreshForecastTest {

    @Test
    void aShortTokenIsRenewedWithinItsLifetimeAndNoEarlierThanTheMargin() {
        RefreshForecast forecast = RefreshForecast.of(Duration.ofSeconds(4), Duration.ofSeconds(2));

        assertThat(forecast.earliest()).isLessThanOrEqualTo(Duration.ofSeconds(2)).isGreaterThanOrEqualTo(forecast.latest());
        assertThat(forecast.latest()).isPositive();
        assertThat(forecast.spacing()).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(4));
        assertThat(forecast.tokensIn(Duration.ofSeconds(12))).isBetween(4L, 6L);
        assertThat(forecast.describe(Duration.ofSeconds(12))).contains("tokens of 4 s").contains("in 12 s");
    }

    @Test
    void aLongTokenIsRenewedTheMarginAheadAtTheEarliest() {
        RefreshForecast forecast = RefreshForecast.of(Duration.ofHours(1), Duration.ofSeconds(60));

        assertThat(forecast.earliest()).isEqualTo(Duration.ofSeconds(60));
        assertThat(forecast.tokensIn(Duration.ofMinutes(30))).isEqualTo(1);
    }
}
