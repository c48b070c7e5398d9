package org.lastmile.camel.vendorauth;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;

/**
 * Readiness of one endpoint's credential: DOWN while the token endpoint keeps failing and no usable token is held, UP
 * otherwise (a token is at hand, or none was needed yet). Registered in Camel's {@code producers} repository, which Camel
 * leaves disabled until {@code camel.health.producers-enabled=true}. The id and details name the profile and the
 * credential's key, never a secret.
 */
final class VendorAuthProducerHealthCheck extends AbstractHealthCheck {

    private final TokenSource source;
    private final String profile;

    VendorAuthProducerHealthCheck(VendorAuthEndpoint endpoint, TokenSource source) {
        super("camel", "producer:vendorauth-" + endpoint.getProfile() + "-" + endpoint.getId());
        this.source = source;
        this.profile = endpoint.getProfile();
    }

    @Override
    public boolean isLiveness() {
        // a vendor's outage is no reason to restart this application
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("profile", profile);
        builder.detail("credential", source.key().toString());
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
