package org.lastmile.camel.examples;

import java.io.IOException;
import java.time.Duration;

import org.lastmile.camel.simulators.SimulatorServer;
import org.lastmile.camel.simulators.VendorCredentials;

/**
 * The vendors' stand-in for the demos: every vendor of the built-in profiles simulated on a loopback port, each under
 * {@code /<profile>}, each answering exactly as its page says, all accepting the demo's credentials.
 */
public final class Sandbox {

    /** The demo's credentials, the defaults of {@code application.properties} and {@code vendors.properties}. */
    public static final VendorCredentials DEMO = new VendorCredentials("demo-client", "demo-secret", "api@example.com",
            "demo-password", "DEMO-MERCHANT");

    private Sandbox() {
    }

    /** Starts the vendors, their tokens living {@code lifetime}. */
    public static SimulatorServer start(Duration lifetime) throws IOException {
        return SimulatorServer.withAllVendors(DEMO, lifetime);
    }
}
