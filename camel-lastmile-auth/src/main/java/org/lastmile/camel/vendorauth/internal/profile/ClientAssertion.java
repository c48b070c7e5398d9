package org.lastmile.camel.vendorauth.internal.profile;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Objects;

/**
 * How the client assertion of {@code private_key_jwt} or {@code client_secret_jwt} (RFC 7523 §2.2) is made. Holds a
 * private key, so {@link #toString()} names only what is safe.
 *
 * @param algorithm  the JWS algorithm
 * @param privateKey the signing key; {@code null} for {@link AssertionAlgorithm#HS256}, which signs with the client secret
 * @param keyId      the JWS header's {@code kid}, or {@code null}
 * @param audience   the {@code aud} claim: the authorization server's token endpoint unless configured otherwise
 * @param lifetime   from {@code iat} to {@code exp}
 */
public record ClientAssertion(AssertionAlgorithm algorithm, PrivateKey privateKey, String keyId, String audience,
                              Duration lifetime) {

    public ClientAssertion {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(lifetime, "lifetime");
    }

    @Override
    public String toString() {
        return "ClientAssertion[algorithm=" + algorithm + ", keyId=" + keyId + ", audience=" + audience + ", lifetime="
                + lifetime + "]";
    }
}
