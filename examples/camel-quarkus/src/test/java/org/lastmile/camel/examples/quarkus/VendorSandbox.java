package org.lastmile.camel.examples.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.lastmile.camel.simulators.SimulatorServer;
import org.lastmile.camel.simulators.VendorCredentials;

/**
 * The vendors on a loopback port for the application under test, and a cluster name of its own, so that its embedded
 * member joins no other build's.
 */
public class VendorSandbox implements QuarkusTestResourceLifecycleManager {

    static final VendorCredentials DEMO = new VendorCredentials("demo-client", "demo-secret", "api@example.com",
            "demo-password", "DEMO-MERCHANT");

    private static volatile SimulatorServer server;

    /** The running sandbox. */
    static SimulatorServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = SimulatorServer.withAllVendors(DEMO, Duration.ofMinutes(5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("VENDOR_URL", server.baseUrl(), "VENDORAUTH_CLUSTER", "quarkus-" + UUID.randomUUID());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
