package org.lastmile.camel.vendorauth.internal.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.lastmile.camel.vendorauth.spi.DpopKey;

/**
 * Makes DPoP proofs (RFC 9449 §4.2): a JWT of type {@code dpop+jwt}, signed {@code ES256} by the key whose public JWK its
 * header carries, with a unique {@code jti}, the request's method ({@code htm}) and URI without query and fragment
 * ({@code htu}), {@code iat}, and, where they apply, the server's {@code nonce} and the access token's hash ({@code ath}).
 * One signature per proof and nothing else: a proof is never reused.
 */
public final class DpopProofs {

    /** The header a proof travels in, and the answer header that carries a server's nonce. */
    public static final String HEADER = "DPoP";
    public static final String NONCE_HEADER = "DPoP-Nonce";
    /** The {@code error} of a server that wants a proof with its nonce (RFC 9449 §8, §9). */
    public static final String USE_DPOP_NONCE = "use_dpop_nonce";

    private static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private DpopProofs() {
    }

    /**
     * A new proof.
     *
     * @param key         the key the token is (or is to be) bound to
     * @param method      the request's method
     * @param uri         the request's URI; its query and fragment are left out
     * @param accessToken the access token the request carries, for {@code ath}; {@code null} at a token endpoint
     * @param nonce       the server's latest nonce, or {@code null}
     * @param now         the issue time
     */
    public static String proof(DpopKey key, String method, URI uri, String accessToken, String nonce, Instant now) {
        JWSHeader header;
        try {
            header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).jwk(JWK.parse(key.publicJwk())).build();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("The public JWK of a checked key could not be read", e);
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .claim("htm", method.toUpperCase(Locale.ROOT))
                .claim("htu", htu(uri))
                .issueTime(Date.from(now));
        if (accessToken != null) {
            claims.claim("ath", ath(accessToken));
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(new ECDSASigner(key.privateKey()));
        } catch (JOSEException e) {
            // the key was checked to be P-256 when it was made or read: a fault of the JVM's providers, naming no key
            throw new IllegalStateException("The DPoP proof could not be signed with ES256: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /** {@code uri} without query and fragment (RFC 9449 §4.2: {@code htu}). */
    public static String htu(URI uri) {
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("A DPoP proof needs an absolute http(s) URI, not a relative one");
        }
        // raw parts, so that what the request encoded stays encoded once
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority()
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    }

    /** base64url(SHA-256(ASCII(token))): the {@code ath} of a proof sent with {@code accessToken}. */
    public static String ath(String accessToken) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
