package org.lastmile.camel.vendorauth;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;

/**
 * Readiness of one credential: DOWN while exchanges without a token are failed fast (the token endpoint failed
 * {@code failFastThreshold} times in a row, or asked for a wait) and no usable token is held, UP otherwise (a token is at
 * hand, or none was needed yet). Registered in Camel's {@code producers} repository, which Camel leaves
 * disabled until {@code camel.health.producers-enabled=true}. The id, {@code producer:vendorauth-<profile>-<client>@<host>/<short id>},
 * depends on the credential alone, so it stays the same when routes change; id and details never hold a secret.
 */
final class VendorAuthProducerHealthCheck extends AbstractHealthCheck {

    private final TokenSource source;

    VendorAuthProducerHealthCheck(TokenSource source) {
        super("camel", "producer:vendorauth-" + source.name().profile() + "-" + source.name().withinProfile());
        this.source = source;
    }

    /** The source whose health this tells. */
    TokenSource source() {
        return source;
    }

    @Override
    public boolean isLiveness() {
        // a vendor's outage is no reason to restart this application
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("profile", source.name().profile());
        builder.detail("credential", source.name().toString());
        Instant expiresAt = source.tokenExpiresAt();
        if (expiresAt != null) {
            builder.detail("token.expires.at", expiresAt.toString());
        }
        builder.detail("token.failures", source.statistics().failures());
        if (source.failing()) {
            builder.message(source.lastFailureMessage());
            builder.down();
        } else {
            builder.up();
        }
    }
}
