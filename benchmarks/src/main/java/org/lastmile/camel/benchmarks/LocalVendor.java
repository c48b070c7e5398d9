package org.lastmile.camel.benchmarks;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import org.lastmile.camel.simulators.GenericOAuth2;
import org.lastmile.camel.simulators.SimulatorServer;
import org.lastmile.camel.simulators.VendorCredentials;

/**
 * The vendor of the measurements: the generic OAuth 2.0 simulator on a loopback port, accepting the benchmarks' client,
 * its tokens of a fixed lifetime, each token call answered after a fixed delay; its API stands in for the vendor's.
 */
public final class LocalVendor implements AutoCloseable {

    /** The client the benchmarks' routes send. */
    static final VendorCredentials CLIENT = VendorCredentials.client("bench", "bench-secret");

    private final SimulatorServer server;
    private final GenericOAuth2 oauth2;

    /**
     * @param lifetime the lifetime of the tokens it hands out (whole seconds)
     * @param delay    how long each token call takes
     */
    public LocalVendor(Duration lifetime, Duration delay) throws IOException {
        server = new SimulatorServer();
        oauth2 = server.add(new GenericOAuth2(CLIENT, Clock.systemUTC()));
        oauth2.lifetime(lifetime);
        oauth2.tokenDelay(delay);
    }

    public String tokenUrl() {
        return oauth2.tokenUrl();
    }

    /** The guarded API, which answers 200 to a token the vendor issued. */
    public String apiUrl() {
        return oauth2.url("/api/orders");
    }

    /** An {@code Authorization} header the API accepts for the tokens' lifetime, got without a token call. */
    public String fixedAuthorization() {
        return oauth2.handOut().bearer();
    }

    /** When the token of that {@code Authorization} header expires by the vendor's clock, or {@code null}. */
    public java.time.Instant expiresAt(String authorization) {
        org.lastmile.camel.simulators.IssuedToken token = oauth2.issuedFor(authorization);
        return token == null ? null : token.expiresAt();
    }

    /** Forgets the tokens handed out so far: a measurement of the client's heap leaves the vendor's records out. */
    public void forgetIssuedTokens() {
        oauth2.forgetIssuedTokens();
    }

    public int tokenCalls() {
        return oauth2.tokenCalls();
    }

    @Override
    public void close() {
        server.close();
    }
}
