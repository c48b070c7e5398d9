package org.lastmile.camel.vendorauth.internal.profile;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;

import org.lastmile.camel.vendorauth.spi.DpopKey;

/**
 * Reads {@code dpopKey}, read as {@code clientAssertionKey} is ({@link SigningKeyReader}: PEM PKCS#8 or a JWK, the value or
 * a resource), and checks that it signs {@code ES256}: an EC P-256 key. A PKCS#8 key need not carry its public point, so the
 * point is computed from the private scalar (Q = d·G), once, when the endpoint starts.
 */
public final class DpopKeyReader {

    private static final String OPTION = "dpopKey";
    private static final BigInteger P = new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger A = P.subtract(BigInteger.valueOf(3));
    private static final BigInteger N = new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static final ECPoint G = new ECPoint(
            new BigInteger("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16),
            new BigInteger("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16));

    private DpopKeyReader() {
    }

    /**
     * @param value     the option's value
     * @param resources reads the resource the value names
     * @throws IllegalArgumentException naming the option, never quoting the key, when it is no EC P-256 private key
     */
    public static DpopKey read(String value, ResourceReader resources) {
        SigningKey key = SigningKeyReader.read(OPTION, value, resources);
        if (!(key.privateKey() instanceof ECPrivateKey ec) || !isP256(ec.getParams())) {
            throw new IllegalArgumentException("Option " + OPTION + ": DPoP proofs are signed with ES256; give an EC P-256"
                    + " key, not " + describe(key));
        }
        try {
            ECPoint q = multiply(G, ec.getS());
            KeyPair pair = new KeyPair(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, ec.getParams())),
                    ec);
            return DpopKey.of(pair);
        } catch (GeneralSecurityException | ArithmeticException e) {
            throw new IllegalArgumentException("Option " + OPTION + ": the EC key cannot be used");
        }
    }

    private static String describe(SigningKey key) {
        return key.privateKey() instanceof ECPrivateKey ec ? "a key of another curve ("
                + ec.getParams().getCurve().getField().getFieldSize() + " bits)" : "an " + key.privateKey().getAlgorithm()
                + " key";
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getOrder().equals(N) && params.getGenerator().equals(G)
                && params.getCurve().getA().equals(A);
    }

    /** {@code k}·{@code point} on P-256, affine double-and-add: run once per key at start-up, where speed does not matter. */
    private static ECPoint multiply(ECPoint point, BigInteger k) {
        ECPoint result = ECPoint.POINT_INFINITY;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            result = add(result, result);
            if (k.testBit(i)) {
                result = add(result, point);
            }
        }
        return result;
    }

    private static ECPoint add(ECPoint p1, ECPoint p2) {
        if (p1.equals(ECPoint.POINT_INFINITY)) {
            return p2;
        }
        if (p2.equals(ECPoint.POINT_INFINITY)) {
            return p1;
        }
        BigInteger x1 = p1.getAffineX();
        BigInteger y1 = p1.getAffineY();
        BigInteger x2 = p2.getAffineX();
        BigInteger y2 = p2.getAffineY();
        BigInteger slope;
        if (x1.equals(x2)) {
            if (!y1.equals(y2) || y1.signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            slope = x1.pow(2).multiply(BigInteger.valueOf(3)).add(A).multiply(y1.shiftLeft(1).modInverse(P)).mod(P);
        } else {
            slope = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(P)).mod(P);
        }
        BigInteger x3 = slope.pow(2).subtract(x1).subtract(x2).mod(P);
        BigInteger y3 = slope.multiply(x1.subtract(x3)).subtract(y1).mod(P);
        return new ECPoint(x3, y3);
    }
}
