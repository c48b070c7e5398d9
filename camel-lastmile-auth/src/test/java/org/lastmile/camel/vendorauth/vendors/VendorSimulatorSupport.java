package org.lastmile.camel.vendorauth.vendors;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.lastmile.camel.simulators.SimulatorServer;
import org.lastmile.camel.simulators.VendorCredentials;
import org.lastmile.camel.simulators.VendorSimulator;
import org.lastmile.camel.vendorauth.VendorAuthEndpoint;
import org.lastmile.camel.vendorauth.test.VendorTestSupport;

/**
 * A vendor simulated strictly, on a server of the test's own: the simulator grants a token only to a request exactly as the
 * vendor's page describes it, and refuses any other in the vendor's words, so a request that strays fails the test.
 * Exchanges go straight to {@code vendorauth:} endpoints.
 */
abstract class VendorSimulatorSupport extends VendorTestSupport {

    static final String CLIENT_ID = "4gm4rnoizp8gskgkk080ssoo80040g44ksowwgw844k44sc00s";
    static final String CLIENT_SECRET = "5dyvo1z6y34so4ogkgksw88ookoows00cgoc488kcs8wk4c40s";
    /** The client alone, for vendors that know no user. */
    static final VendorCredentials CLIENT = VendorCredentials.client(CLIENT_ID, CLIENT_SECRET);

    private final SimulatorServer simulators = startSimulators();

    private static SimulatorServer startSimulators() {
        try {
            return new SimulatorServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopSimulators() {
        simulators.close();
    }

    /** Serves {@code vendor} on this test's server; a field initializer of the test may call it. */
    <T extends VendorSimulator> T serve(T vendor) {
        return simulators.add(vendor);
    }

    /** The endpoint of {@code profile} for the test's client, with its token URL on {@code vendor}, and {@code options}. */
    static String uri(String profile, VendorSimulator vendor, String options) {
        return "vendorauth:" + profile + "?tokenUrl=" + vendor.tokenUrl() + "&clientId=" + CLIENT_ID + "&clientSecret="
                + CLIENT_SECRET + options;
    }

    String authorization(String uri) {
        Exchange done = call(uri);
        if (done.getException() != null) {
            throw new AssertionError("the exchange failed", done.getException());
        }
        return done.getMessage().getHeader("Authorization", String.class);
    }

    VendorAuthEndpoint endpoint(String uri) {
        return context.getEndpoint(uri, VendorAuthEndpoint.class);
    }
}
