package org.lastmile.camel.vendorauth.test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What tests write the way vendors and clients do: HTTP Basic credentials and unsigned JWTs. */
public final class Encodings {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Encodings() {
    }

    /** {@code Basic} of {@code raw} as it stands, {@code id:secret} without form-encoding. */
    public static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** An unsigned JWT whose claims are {@code claimsJson}, written as it is. */
    public static String unsignedJwt(String claimsJson) {
        return URL.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    /** An unsigned JWT expiring at {@code exp}, in seconds since the epoch. */
    public static String unsignedJwt(long exp) {
        return unsignedJwt("{\"sub\":\"x\",\"exp\":" + exp + "}");
    }
}
