package org.lastmile.camel.vendorauth;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;

/**
 * Readiness of an endpoint's named credentials, one check per endpoint however many tenants it serves: DOWN when most
 * of the named credentials in use fail fast (more than half), UP otherwise, so that one tenant with a refused secret
 * does not take the application out of its load balancer. The endpoint's own credential keeps its check. Details: how
 * many are in use, how many fail fast, and the names of the failing ones (at most {@value #NAMES_SHOWN}); never a secret.
 */
final class NamedCredentialsHealthCheck extends AbstractHealthCheck {

    /** How many failing names the details list. */
    static final int NAMES_SHOWN = 10;

    private final NamedCredentials named;

    NamedCredentialsHealthCheck(String id, NamedCredentials named) {
        super("camel", id);
        this.named = named;
    }

    @Override
    public boolean isLiveness() {
        // a vendor's refusal is no reason to restart this application
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<TokenHandle> inUse = named.inUse();
        TreeSet<String> failing = new TreeSet<>();
        for (TokenHandle handle : inUse) {
            TokenSource source = handle.source();
            if (source != null && source.failing()) {
                failing.add(handle.name());
            }
        }
        builder.detail("credentials.in.use", inUse.size());
        builder.detail("credentials.failing", failing.size());
        if (!failing.isEmpty()) {
            builder.detail("credentials.failing.names", String.join(",", failing.stream().limit(NAMES_SHOWN).toList())
                    + (failing.size() > NAMES_SHOWN ? ",..." : ""));
        }
        if (failing.size() * 2 > inUse.size()) {
            builder.message(failing.size() + " of " + inUse.size() + " named credentials fail fast");
            builder.down();
        } else {
            builder.up();
        }
    }
}
