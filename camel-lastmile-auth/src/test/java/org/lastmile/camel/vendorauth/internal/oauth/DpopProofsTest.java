package org.lastmile.camel.vendorauth.internal.oauth;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.spi.DpopKey;

import static org.assertj.core.api.Assertions.assertThat;

/** A DPoP proof carries what RFC 9449 §4.2 names, signed by the key whose public half its header shows. */
class DpopProofsTest {

    private final DpopKey key = DpopKey.generate();

    @Test
    void aProofIsSignedByTheKeyItShowsAndNamesTheRequest() throws Exception {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        SignedJWT proof = SignedJWT.parse(DpopProofs.proof(key, "get", URI.create("https://API.example.com:8443/a/b%20c?x=1#f"),
                "token-1", "n-1", now));

        assertThat(proof.getHeader().getType().getType()).isEqualTo("dpop+jwt");
        assertThat(proof.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        ECKey jwk = (ECKey) proof.getHeader().getJWK();
        assertThat(jwk.isPrivate()).as("only the public key in the header").isFalse();
        assertThat(jwk.computeThumbprint().toString()).isEqualTo(key.thumbprint());
        assertThat(proof.verify(new ECDSAVerifier(jwk))).isTrue();
        assertThat(proof.getJWTClaimsSet().getStringClaim("htm")).isEqualTo("GET");
        assertThat(proof.getJWTClaimsSet().getStringClaim("htu")).isEqualTo("https://API.example.com:8443/a/b%20c");
        assertThat(proof.getJWTClaimsSet().getStringClaim("ath")).isEqualTo(DpopProofs.ath("token-1"));
        assertThat(proof.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-1");
        assertThat(proof.getJWTClaimsSet().getIssueTime()).isEqualTo(Date.from(now));
    }

    @Test
    void aTokenRequestsProofHasNoAthAndEachProofItsOwnJti() throws Exception {
        Set<String> jtis = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            SignedJWT proof = SignedJWT.parse(DpopProofs.proof(key, "POST", URI.create("http://127.0.0.1/token"), null,
                    null, Instant.now()));
            assertThat(proof.getJWTClaimsSet().getClaims()).doesNotContainKeys("ath", "nonce");
            jtis.add(proof.getJWTClaimsSet().getJWTID());
        }
        assertThat(jtis).hasSize(100);
    }

    @Test
    void athIsTheBase64urlSha256OfTheToken() {
        // RFC 9449 §7.1's example
        assertThat(DpopProofs.ath("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"))
                .isEqualTo("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
    }

    @Test
    void nonceMemoryIsPerOriginIgnoresWhatIsNoNonceAndIsBounded() {
        DpopNonces nonces = new DpopNonces();
        assertThat(nonces.remember(URI.create("https://a.example/token"), "n1")).isTrue();
        assertThat(nonces.nonceFor(URI.create("https://A.example:443/api?x"))).isEqualTo("n1");
        assertThat(nonces.nonceFor(URI.create("http://a.example/api"))).isNull();
        assertThat(nonces.remember(URI.create("https://a.example/token"), "bad\"nonce")).isFalse();
        assertThat(nonces.remember(URI.create("https://a.example/token"), "x".repeat(513))).isFalse();
        assertThat(nonces.nonceFor(URI.create("https://a.example/"))).isEqualTo("n1");
        for (int i = 0; i < DpopNonces.MAX_ORIGINS; i++) {
            nonces.remember(URI.create("https://h" + i + ".example/"), "n");
        }
        assertThat(nonces.nonceFor(URI.create("https://a.example/"))).as("the eldest left").isNull();
    }
}
