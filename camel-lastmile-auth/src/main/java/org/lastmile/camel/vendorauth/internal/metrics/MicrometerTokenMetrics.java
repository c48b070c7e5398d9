package org.lastmile.camel.vendorauth.internal.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;
import org.lastmile.camel.vendorauth.internal.policy.TokenStatistics;

/**
 * The meters of each credential, tagged {@code profile} and {@code credential} (client, host and short id: no secret).
 * They read the statistics the token sources keep anyway (function counters, timers and gauges), so that an exchange
 * costs no more with meters than without.
 */
final class MicrometerTokenMetrics implements TokenMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final List<Meter> meters = new CopyOnWriteArrayList<>();

    MicrometerTokenMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** The single registry, or the composite one where Spring Boot made several; else none. */
    static TokenMetrics forRegistryOf(CamelContext context) {
        Set<MeterRegistry> registries = context.getRegistry().findByType(MeterRegistry.class);
        MeterRegistry chosen = registries.size() == 1 ? registries.iterator().next()
                : registries.stream().filter(CompositeMeterRegistry.class::isInstance).findFirst().orElse(null);
        return chosen == null ? NONE : new MicrometerTokenMetrics(chosen, Clock.systemUTC());
    }

    @Override
    public void bind(TokenSource source) {
        TokenStatistics statistics = source.statistics();
        Tags tags = Tags.of("profile", source.name().profile(), "credential", source.name().withinProfile());
        request(statistics, tags, "primary", "success", TokenStatistics::fetchSuccesses);
        request(statistics, tags, "primary", "failure", TokenStatistics::fetchFailures);
        request(statistics, tags, "refresh", "success", TokenStatistics::refreshSuccesses);
        request(statistics, tags, "refresh", "failure", TokenStatistics::refreshFailures);
        duration(statistics, tags, "primary", s -> s.fetchSuccesses() + s.fetchFailures(), TokenStatistics::fetchNanos);
        duration(statistics, tags, "refresh", s -> s.refreshSuccesses() + s.refreshFailures(),
                TokenStatistics::refreshNanos);
        counter(statistics, tags, "vendorauth.token.local.hits", "Exchanges served from this JVM's copy of the token",
                TokenStatistics::localHits);
        counter(statistics, tags, "vendorauth.token.waits", "Exchanges that waited for a token being fetched",
                TokenStatistics::waits);
        counter(statistics, tags, "vendorauth.token.store.hits",
                "Tokens taken from the shared store (fetched by another thread or member) without asking the vendor",
                TokenStatistics::storeHits);
        counter(statistics, tags, "vendorauth.token.rejections",
                "Exchanges failed at once with the last error while the vendor was left alone after failures",
                TokenStatistics::rejections);
        meters.add(TimeGauge.builder("vendorauth.token.expiry", source, TimeUnit.MILLISECONDS, this::millisLeft)
                .tags(tags).description("Time until the token at hand expires; absent (NaN) when there is none")
                .register(registry));
    }

    private void request(TokenStatistics statistics, Tags tags, String kind, String outcome,
                         ToDoubleFunction<TokenStatistics> count) {
        meters.add(FunctionCounter.builder("vendorauth.token.requests", statistics, count)
                .tags(tags).tag("kind", kind).tag("outcome", outcome)
                .description("Token requests to the vendor, by grant (primary or refresh) and outcome")
                .register(registry));
    }

    private void duration(TokenStatistics statistics, Tags tags, String kind, ToDoubleFunction<TokenStatistics> count,
                          ToDoubleFunction<TokenStatistics> nanos) {
        meters.add(FunctionTimer.builder("vendorauth.token.request.duration", statistics,
                s -> (long) count.applyAsDouble(s), nanos, TimeUnit.NANOSECONDS)
                .tags(tags).tag("kind", kind).description("Time the vendor took to answer token requests")
                .register(registry));
    }

    private void counter(TokenStatistics statistics, Tags tags, String name, String description,
                         ToDoubleFunction<TokenStatistics> count) {
        meters.add(FunctionCounter.builder(name, statistics, count).tags(tags).description(description)
                .register(registry));
    }

    @Override
    public void unbind(TokenSource source) {
        for (Meter meter : meters) {
            Meter.Id id = meter.getId();
            if (source.name().profile().equals(id.getTag("profile"))
                    && source.name().withinProfile().equals(id.getTag("credential"))) {
                registry.remove(meter);
                meters.remove(meter);
            }
        }
    }

    private double millisLeft(TokenSource source) {
        Instant expiresAt = source.tokenExpiresAt();
        return expiresAt == null ? Double.NaN : Math.max(0, expiresAt.toEpochMilli() - clock.millis());
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
