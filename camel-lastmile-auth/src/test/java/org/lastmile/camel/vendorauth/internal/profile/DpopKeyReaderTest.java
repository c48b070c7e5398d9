package org.lastmile.camel.vendorauth.internal.profile;

import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.spi.DpopKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code dpopKey} is read as {@code clientAssertionKey} is, and must be an EC P-256 key; errors never quote it. */
class DpopKeyReaderTest {

    private static final ResourceReader NO_RESOURCES = uri -> {
        throw new IOException("none");
    };

    @Test
    void aPkcs8PemKeyGetsItsPublicPointComputed() throws Exception {
        KeyPair pair = pair("EC", new ECGenParameterSpec("secp256r1"));
        DpopKey key = DpopKeyReader.read(pem(pair), NO_RESOURCES);

        ECKey expected = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).build();
        assertThat(key.thumbprint()).isEqualTo(expected.computeThumbprint().toString());
        assertThat(key.publicKey().getW()).isEqualTo(((ECPublicKey) pair.getPublic()).getW());
    }

    @Test
    void aJwkOrAResourceIsReadToo() throws Exception {
        DpopKey made = DpopKey.generate();
        assertThat(DpopKeyReader.read(made.toPrivateJwk(), NO_RESOURCES)).isEqualTo(made);
        assertThat(DpopKeyReader.read("file:/keys/dpop.jwk", uri -> made.toPrivateJwk())).isEqualTo(made);
    }

    @Test
    void anotherKindOfKeyIsRefusedNamingTheOptionNotTheKey() throws Exception {
        String rsa = pem(pair("RSA", null));
        assertThatThrownBy(() -> DpopKeyReader.read(rsa, NO_RESOURCES))
                .hasMessageContaining("Option dpopKey").hasMessageContaining("EC P-256").hasMessageContaining("RSA")
                .message().doesNotContain(rsa.substring(40, 80));
        String p384 = pem(pair("EC", new ECGenParameterSpec("secp384r1")));
        assertThatThrownBy(() -> DpopKeyReader.read(p384, NO_RESOURCES)).hasMessageContaining("another curve");
        String publicOnly = ECKey.parse(DpopKey.generate().publicJwk()).toJSONString();
        assertThatThrownBy(() -> DpopKeyReader.read(publicOnly, NO_RESOURCES)).hasMessageContaining("Option dpopKey")
                .hasMessageContaining("no private key");
        assertThatThrownBy(() -> DpopKeyReader.read("MIGHAgEAMBMGByqGSM49AgEGCCqGSM49", NO_RESOURCES))
                .hasMessageContaining("Option dpopKey is neither").message().doesNotContain("MIGH");
    }

    private static KeyPair pair(String algorithm, ECGenParameterSpec curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (curve != null) {
            generator.initialize(curve);
        }
        return generator.generateKeyPair();
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
