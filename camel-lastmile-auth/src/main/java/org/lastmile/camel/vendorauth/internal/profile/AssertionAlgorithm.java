package org.lastmile.camel.vendorauth.internal.profile;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The JWS algorithm that signs a client assertion (RFC 7523), and the key it needs. */
public enum AssertionAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256: the default for RSA keys. */
    RS256,
    /** RSASSA-PSS with SHA-256. */
    PS256,
    /** ECDSA on P-256 with SHA-256: the default for EC keys. */
    ES256,
    /** HMAC with SHA-256, keyed with the client secret ({@code client_secret_jwt}). */
    HS256;

    /** The shortest RSA modulus accepted, as RFC 7518 §3.3 requires. */
    private static final int MIN_RSA_BITS = 2048;

    /** Reads the option (case-insensitive); the error names the option and the accepted values. */
    public static AssertionAlgorithm fromOption(String value) {
        for (AssertionAlgorithm candidate : values()) {
            if (value != null && candidate.name().equalsIgnoreCase(value.trim())) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Option clientAssertionAlgorithm has an unknown value '" + value
                + "'; expected one of: " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** The algorithm used for a private key when none is configured. */
    public static AssertionAlgorithm defaultFor(PrivateKey key) {
        return key instanceof ECPrivateKey ? ES256 : RS256;
    }

    /** Why the private key cannot sign with this algorithm, or {@code null} when it can. */
    public String misfit(PrivateKey key) {
        switch (this) {
            case RS256, PS256 -> {
                if (!(key instanceof RSAPrivateKey rsa)) {
                    return name() + " needs an RSA key, not " + key.getAlgorithm();
                }
                int bits = rsa.getModulus().bitLength();
                return bits < MIN_RSA_BITS ? name() + " needs an RSA key of at least " + MIN_RSA_BITS + " bits, not "
                        + bits : null;
            }
            case ES256 -> {
                if (!(key instanceof ECPrivateKey ec)) {
                    return "ES256 needs an EC key, not " + key.getAlgorithm();
                }
                return ec.getParams().getOrder().bitLength() == 256
                        && ec.getParams().getCurve().getB().equals(P256_B) ? null : "ES256 needs an EC key on P-256";
            }
            default -> {
                return name() + " signs with the client secret, not a private key";
            }
        }
    }

    /** The coefficient b of P-256 (FIPS 186-4 D.1.2.3), which tells it from other 256-bit curves. */
    private static final BigInteger P256_B =
            new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
}
