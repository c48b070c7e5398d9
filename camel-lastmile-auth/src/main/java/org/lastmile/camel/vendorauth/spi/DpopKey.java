package org.lastmile.camel.vendorauth.spi;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * The key pair a DPoP-bound token is bound to (RFC 9449): EC P-256, signing {@code ES256} proofs. It travels with its
 * token ({@link AccessToken#dpopKey()}), so that a store shares the two together and whoever adopts the token adopts its
 * key. {@link #toString()} shows only the thumbprint; the private key leaves it only through {@link #toPrivateJwk()}, for a
 * store to seal.
 */
public final class DpopKey {

    private final ECKey jwk;
    private final String thumbprint;

    private DpopKey(ECKey jwk) {
        if (!jwk.isPrivate() || !Curve.P_256.equals(jwk.getCurve())) {
            throw new IllegalArgumentException("A DPoP key is a private EC P-256 key");
        }
        this.jwk = jwk;
        try {
            this.thumbprint = jwk.computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A new random key. */
    public static DpopKey generate() {
        try {
            return new DpopKey(new ECKeyGenerator(Curve.P_256).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("This JVM cannot make EC P-256 keys", e);
        }
    }

    /** The key of {@code pair}, which must be an EC P-256 pair. */
    public static DpopKey of(KeyPair pair) {
        if (!(pair.getPublic() instanceof ECPublicKey publicKey) || !(pair.getPrivate() instanceof ECPrivateKey privateKey)) {
            throw new IllegalArgumentException("A DPoP key is a private EC P-256 key");
        }
        return new DpopKey(new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey).build());
    }

    /**
     * The key a store wrote with {@link #toPrivateJwk()}.
     *
     * @throws IllegalArgumentException when the text is no private EC P-256 JWK (the message never quotes it)
     */
    public static DpopKey fromPrivateJwk(String json) {
        try {
            return new DpopKey(ECKey.parse(Objects.requireNonNull(json, "json")));
        } catch (ParseException e) {
            throw new IllegalArgumentException("Not a private EC P-256 JWK (at offset " + e.getErrorOffset() + ")");
        }
    }

    /** The private JWK as JSON: a secret, for a store to seal with the token and for nothing else. */
    public String toPrivateJwk() {
        return jwk.toJSONString();
    }

    /** The public JWK's members, as a proof's header carries them. */
    public Map<String, Object> publicJwk() {
        return jwk.toPublicJWK().toJSONObject();
    }

    /** The public key. */
    public ECPublicKey publicKey() {
        try {
            return jwk.toECPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("The P-256 point of a checked key could not be read", e);
        }
    }

    /** The private key, to sign proofs with. */
    public ECPrivateKey privateKey() {
        try {
            return jwk.toECPrivateKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("The P-256 key of a checked key could not be read", e);
        }
    }

    /** The JWK SHA-256 thumbprint (RFC 7638), base64url: what a bound token's {@code cnf.jkt} names. Not a secret. */
    public String thumbprint() {
        return thumbprint;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DpopKey key && key.thumbprint.equals(thumbprint);
    }

    @Override
    public int hashCode() {
        return thumbprint.hashCode();
    }

    @Override
    public String toString() {
        return "DpopKey[jkt=" + thumbprint + "]";
    }
}
