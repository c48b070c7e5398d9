package org.lastmile.camel.vendorauth.vendors;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.apache.camel.Exchange;
import org.lastmile.camel.vendorauth.VendorAuthEndpoint;
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

    /** Sends an exchange to the endpoint and returns it. */
    Exchange send(String uri) {
        return template.request(uri, exchange -> { });
    }

    String authorization(String uri) {
        Exchange done = send(uri);
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
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** An unsigned JWT expiring at {@code exp}. */
    static String jwt(Instant exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"retailer\",\"exp\":" + exp.getEpochSecond() + "}")
                        .getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }
}
