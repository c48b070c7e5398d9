package org.lastmile.camel.examples;

import java.time.Duration;
import java.time.Instant;
import java.util.LongSummaryStatistics;
import java.util.stream.LongStream;

import org.lastmile.camel.vendorauth.internal.policy.RefreshTiming;
import org.lastmile.camel.vendorauth.spi.AccessToken;

/**
 * What the component's refresh rule predicts for a demo's settings. The demos print it beside what they measured; it is
 * computed by the rule's own code ({@link RefreshTiming}, an internal class: demo machinery, not code to copy), so the
 * demos cannot describe the rule differently from how the component applies it.
 *
 * @param lifetime      how long the vendor's tokens live
 * @param refreshMargin the {@code refreshMargin} option
 * @param earliest      the earliest a token is renewed, before it expires
 * @param latest        the latest a token is renewed, before it expires (each copy picks a moment in between)
 * @param spacing       the mean time from one token to the next
 */
public record RefreshForecast(Duration lifetime, Duration refreshMargin, Duration earliest, Duration latest,
        Duration spacing) {

    private static final int SAMPLES = 2_000;

    /** Asks the rule, with its default settings and the given margin, about a token of the given lifetime. */
    public static RefreshForecast of(Duration lifetime, Duration refreshMargin) {
        RefreshTiming timing = RefreshTiming.DEFAULT.withRefreshMargin(refreshMargin);
        Instant issued = Instant.EPOCH;
        AccessToken token = new AccessToken("forecast", "Bearer", issued.plus(lifetime), null, null, issued);
        long expires = token.expiresAt().toEpochMilli();
        // each copy renews at a random moment from the window's opening on: ask often enough to see the latest and mean
        LongSummaryStatistics refreshAt = LongStream.range(0, SAMPLES).map(i -> timing.refreshAt(token)).summaryStatistics();
        return new RefreshForecast(lifetime, refreshMargin, Duration.ofMillis(expires - timing.windowOpens(token)),
                Duration.ofMillis(expires - refreshAt.getMax()), Duration.ofMillis(Math.round(refreshAt.getAverage())));
    }

    /** How many tokens the vendor issues over a run of this length, for one credential shared by everyone. */
    public long tokensIn(Duration run) {
        return 1 + run.toMillis() / Math.max(1, spacing.toMillis());
    }

    /** One sentence for a demo's output. */
    public String describe(Duration run) {
        return String.format("The refresh rule (refreshMargin %s, tokens of %s) renews each token %s to %s before it"
                + " expires: a new token about every %s, so about %d tokens in %d s.", seconds(refreshMargin),
                seconds(lifetime), seconds(earliest), seconds(latest), seconds(spacing), tokensIn(run), run.toSeconds());
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0).replace(".0 s", " s");
    }
}
