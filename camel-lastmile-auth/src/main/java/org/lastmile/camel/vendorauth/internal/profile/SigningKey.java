package org.lastmile.camel.vendorauth.internal.profile;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * A private key read from PEM or a JWK, with the key id the JWK carried.
 *
 * @param privateKey the key
 * @param keyId      the JWK's {@code kid}, or {@code null}
 */
public record SigningKey(PrivateKey privateKey, String keyId) {

    public SigningKey {
        Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String toString() {
        return "SigningKey[" + privateKey.getAlgorithm() + ", keyId=" + keyId + "]";
    }
}
