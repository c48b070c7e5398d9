package org.lastmile.camel.vendorauth.vendors;

import java.time.Instant;

import org.apache.camel.Exchange;
import org.lastmile.camel.vendorauth.VendorAuthEndpoint;
import org.lastmile.camel.vendorauth.test.Encodings;
import org.lastmile.camel.vendorauth.test.VendorTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A vendor's token endpoint simulated strictly: its stubs match only requests exactly as the vendor's page describes, so a
 * request that strays gets WireMock's 404 and the test fails. Exchanges go straight to {@code vendorauth:} endpoints.
 */
abstract class VendorSimulatorSupport extends VendorTestSupport {

    static final String CLIENT_ID = "4gm4rnoizp8gskgkk080ssoo80040g44ksowwgw844k44sc00s";
    static final String CLIENT_SECRET = "5dyvo1z6y34so4ogkgksw88ookoows00cgoc488kcs8wk4c40s";

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

    int calls(String path) {
        return vendor.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    /** {@code Basic} of the raw {@code id:secret}, as the vendors' pages show it. */
    static String basicRaw(String id, String secret) {
        return Encodings.basic(id + ":" + secret);
    }

    /** An unsigned JWT expiring at {@code exp}. */
    static String jwt(Instant exp) {
        return Encodings.unsignedJwt(exp.getEpochSecond());
    }
}
