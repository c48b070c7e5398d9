package org.lastmile.camel.vendorauth;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.lastmile.camel.vendorauth.internal.metrics.TokenMetrics;
import org.lastmile.camel.vendorauth.internal.policy.TokenManager;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;
import org.lastmile.camel.vendorauth.spi.TokenKey;

/**
 * The credentials a started component serves, each shown once however many endpoints use it: one readiness check in
 * Camel's {@code producers} repository (its id named after the credential, so that it stays the same when routes change)
 * and one set of meters. Both go when the component stops.
 */
final class VendorAuthCredentials implements AutoCloseable {

    private final TokenManager manager;
    private final WritableHealthCheckRepository healthChecks;
    private final TokenMetrics metrics;
    private final Map<TokenKey, VendorAuthProducerHealthCheck> shown = new ConcurrentHashMap<>();
    private final Set<AbstractHealthCheck> extraChecks = ConcurrentHashMap.newKeySet();

    /**
     * @param healthChecks whether each credential gets a readiness check
     */
    VendorAuthCredentials(CamelContext context, TokenManager manager, boolean healthChecks) {
        this.manager = manager;
        // health checks are optional in Camel: the repository is there only with camel-health on the classpath
        this.healthChecks = healthChecks ? HealthCheckHelper.getHealthCheckRepository(context, "producers",
                WritableHealthCheckRepository.class) : null;
        this.metrics = TokenMetrics.forRegistryOf(context);
        manager.onRetired(this::unshow);
    }

    /** A credential left this JVM: its check and meters go with it (and come back with it). */
    private void unshow(TokenSource source) {
        shown.computeIfPresent(source.key(), (key, check) -> {
            if (check.source() != source) {
                return check;
            }
            if (healthChecks != null) {
                healthChecks.removeHealthCheck(check);
            }
            metrics.unbind(source);
            return null;
        });
    }

    /** The source of a credential chosen by name per exchange: meters only when asked, no health check of its own. */
    TokenSource namedSource(Credential credential, boolean withMeters) {
        TokenSource source = manager.source(credential);
        if (withMeters) {
            shown.computeIfAbsent(source.key(), key -> {
                metrics.bind(source);
                return new VendorAuthProducerHealthCheck(source);
            });
        }
        return source;
    }

    /**
     * The source of one caller's credential (on a caller's behalf): no check and no meters of its own; its outages count
     * once for every caller of {@code configured}.
     */
    TokenSource callerSource(Credential credential, Credential configured) {
        return manager.source(credential, configured);
    }

    /** The source of the credential, its health check and meters in place. */
    TokenSource source(Credential credential) {
        TokenSource source = manager.source(credential);
        shown.computeIfAbsent(source.key(), key -> {
            VendorAuthProducerHealthCheck check = new VendorAuthProducerHealthCheck(source);
            if (healthChecks != null) {
                healthChecks.addHealthCheck(check);
            }
            metrics.bind(source);
            return check;
        });
        return source;
    }

    /** Shows a check besides the credentials' own, until the component stops or {@link #unshow} is called. */
    void show(AbstractHealthCheck check) {
        if (healthChecks != null) {
            healthChecks.addHealthCheck(check);
            extraChecks.add(check);
        }
    }

    /** Takes a check shown by {@link #show} away. */
    void unshow(AbstractHealthCheck check) {
        if (healthChecks != null && extraChecks.remove(check)) {
            healthChecks.removeHealthCheck(check);
        }
    }

    @Override
    public void close() {
        if (healthChecks != null) {
            extraChecks.forEach(healthChecks::removeHealthCheck);
        }
        extraChecks.clear();
        if (healthChecks != null) {
            shown.values().forEach(healthChecks::removeHealthCheck);
        }
        shown.clear();
        metrics.close();
    }
}
