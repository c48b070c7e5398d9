package org.lastmile.camel.simulators;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a DPoP proof as RFC 9449 §4.3 tells a server to, with the JDK's own crypto (not the JOSE library the client
 * signs with, so that the two cannot share a mistake): one JWS of three parts; header {@code typ} {@code dpop+jwt},
 * {@code alg} {@code ES256}, a public EC P-256 {@code jwk} (a private member is refused); a signature valid for that key;
 * {@code htm} and {@code htu} (no query, no fragment) those of the request; {@code iat} within the window; a {@code jti}
 * never seen before; and, where asked, {@code ath} and {@code nonce}.
 */
final class DpopProofCheck {

    /** How old a proof may be, and how far ahead of this clock. */
    static final Duration WINDOW = Duration.ofSeconds(60);
    static final Duration AHEAD = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    private static final Set<String> PUBLIC_EC_MEMBERS = Set.of("kty", "crv", "x", "y", "kid", "use", "alg", "key_ops");

    private final Map<String, Instant> seenJtis = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();

    /** A proof that passed: the thumbprint of its key and the nonce it carried. */
    record Accepted(String thumbprint, String nonce) {
    }

    /** Why a proof failed; {@code message} says which check. */
    static final class Refused extends Exception {

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param proof  the {@code DPoP} header's only value
     * @param method the request's method
     * @param htu    the request's URI without query and fragment
     * @param ath    the access token's hash that the proof must carry, or {@code null} at a token endpoint
     * @param now    this server's time
     */
    Accepted check(String proof, String method, String htu, String ath, Instant now) throws Refused {
        if (proof == null) {
            throw new Refused("no single DPoP header");
        }
        String[] parts = proof.split("\\.", -1);
        if (parts.length != 3) {
            throw new Refused("not a compact JWS");
        }
        JsonNode header = json(parts[0], "header");
        JsonNode claims = json(parts[1], "claims");
        if (!"dpop+jwt".equals(header.path("typ").asText(null))) {
            throw new Refused("typ is not dpop+jwt");
        }
        if (!"ES256".equals(header.path("alg").asText(null))) {
            throw new Refused("alg is not ES256");
        }
        JsonNode jwk = header.get("jwk");
        if (jwk == null || !jwk.isObject()) {
            throw new Refused("no jwk in the header");
        }
        for (var names = jwk.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!PUBLIC_EC_MEMBERS.contains(name)) {
                throw new Refused("the jwk has a member '" + name + "' a public EC key has not");
            }
        }
        if (!"EC".equals(jwk.path("kty").asText(null)) || !"P-256".equals(jwk.path("crv").asText(null))) {
            throw new Refused("the jwk is not an EC P-256 key");
        }
        PublicKey key = publicKey(jwk);
        verify(key, parts);
        if (!method.equals(claims.path("htm").asText(null))) {
            throw new Refused("htm " + claims.path("htm").asText(null) + " is not " + method);
        }
        if (!htu.equals(claims.path("htu").asText(null))) {
            throw new Refused("htu " + claims.path("htu").asText(null) + " is not " + htu);
        }
        JsonNode iat = claims.get("iat");
        if (iat == null || !iat.canConvertToLong()) {
            throw new Refused("no numeric iat");
        }
        Instant issued = Instant.ofEpochSecond(iat.asLong());
        if (issued.isBefore(now.minus(WINDOW)) || issued.isAfter(now.plus(AHEAD))) {
            throw new Refused("iat outside the window");
        }
        if (ath != null && !ath.equals(claims.path("ath").asText(null))) {
            throw new Refused("ath is not the hash of the access token");
        }
        if (ath == null && claims.has("ath")) {
            throw new Refused("ath on a token request");
        }
        String jti = claims.path("jti").asText(null);
        if (jti == null || jti.isEmpty() || jti.length() > 256) {
            throw new Refused("no jti");
        }
        // replay: a jti is kept as long as a proof carrying it could be accepted; swept once a second, not per proof
        long second = now.getEpochSecond();
        long swept = lastSweep.get();
        if (second > swept && lastSweep.compareAndSet(swept, second)) {
            seenJtis.values().removeIf(seen -> seen.isBefore(now.minus(WINDOW).minus(AHEAD)));
        }
        if (seenJtis.putIfAbsent(jti, issued) != null) {
            throw new Refused("jti replayed");
        }
        return new Accepted(thumbprint(jwk), claims.path("nonce").asText(null));
    }

    private static JsonNode json(String part, String what) throws Refused {
        try {
            JsonNode node = JSON.readTree(BASE64URL.decode(part));
            if (node == null || !node.isObject()) {
                throw new Refused("the " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw new Refused("the " + what + " is not base64url JSON");
        }
    }

    private static PublicKey publicKey(JsonNode jwk) throws Refused {
        try {
            byte[] x = BASE64URL.decode(jwk.path("x").asText(""));
            byte[] y = BASE64URL.decode(jwk.path("y").asText(""));
            if (x.length != 32 || y.length != 32) {
                throw new Refused("the jwk's coordinates are not 32 bytes each");
            }
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                    new ECPoint(new BigInteger(1, x), new BigInteger(1, y)), spec));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Refused("the jwk is no valid P-256 point");
        }
    }

    private static void verify(PublicKey key, String[] parts) throws Refused {
        try {
            // JWS ES256 signatures are R || S (RFC 7518 §3.4), which this JDK algorithm reads as they are
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(BASE64URL.decode(parts[2]))) {
                throw new Refused("the signature does not verify with the header's jwk");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Refused("the signature cannot be checked");
        }
    }

    /** The JWK SHA-256 thumbprint (RFC 7638 §3.2: the required members, in lexicographic order, no whitespace). */
    static String thumbprint(JsonNode jwk) {
        String canonical = "{\"crv\":\"" + jwk.path("crv").asText() + "\",\"kty\":\"" + jwk.path("kty").asText()
                + "\",\"x\":\"" + jwk.path("x").asText() + "\",\"y\":\"" + jwk.path("y").asText() + "\"}";
        return sha256(canonical);
    }

    /** base64url(SHA-256(ASCII(text))): a thumbprint's and {@code ath}'s form. */
    static String sha256(String text) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
