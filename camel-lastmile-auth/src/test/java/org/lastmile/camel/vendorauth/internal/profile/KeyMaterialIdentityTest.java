package org.lastmile.camel.vendorauth.internal.profile;

import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.test.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Private keys and client certificates are part of a credential: two credentials that differ only in a key never share a
 * token, and a credential authenticated by a key alone is sealed with that key.
 */
class KeyMaterialIdentityTest {

    private static final URI URL = URI.create("https://127.0.0.1:1/token");
    private static final TestPki PKI = new TestPki("Identity Test CA");

    private static Credential credential(ClientAuthentication auth, String secret, ClientAssertion assertion,
                                         TokenTransport transport) {
        return new Credential("oauth2", new TokenEndpoint(URL, URL, BodyFormat.FORM, transport),
                new Grant.ClientCredentials(), new Client("orders", secret, auth, assertion), RequestParameters.NONE,
                ManagerFixture.SECONDS, ManagerFixture.REFRESH, null, null);
    }

    private static Credential signedWith(KeyPair keys) {
        return credential(ClientAuthentication.PRIVATE_KEY_JWT, null, new ClientAssertion(AssertionAlgorithm.RS256,
                keys.getPrivate(), "k1", URL.toString(), Duration.ofSeconds(60)), TokenTransport.JVM_DEFAULTS);
    }

    private static Credential presenting(TestPki.Issued client) {
        return credential(ClientAuthentication.TLS_CLIENT_AUTH, null, null, new TokenTransport(null,
                List.of(client.certificate()), List.of(client.keys().getPrivate()), null));
    }

    @Test
    void theSameKeyGivesTheSameIdOnEveryMember() {
        KeyPair keys = TestPki.rsa();
        TokenKey one = signedWith(keys).key();
        TokenKey other = signedWith(keys).key();
        assertThat(one).isEqualTo(other);
        assertThat(one.sealingKey()).isEqualTo(other.sealingKey());
    }

    @Test
    void credentialsDifferingOnlyInTheirSigningKeyShareNothing() {
        TokenKey one = signedWith(TestPki.rsa()).key();
        TokenKey other = signedWith(TestPki.rsa()).key();
        assertThat(one).isNotEqualTo(other);
        assertThat(one.sealingKey()).isNotEqualTo(other.sealingKey());
    }

    @Test
    void credentialsDifferingOnlyInTheirClientCertificateShareNothing() {
        TokenKey one = presenting(PKI.client("orders")).key();
        TokenKey other = presenting(PKI.client("orders")).key();
        assertThat(one).isNotEqualTo(other);
        assertThat(one.sealingKey()).isNotEqualTo(other.sealingKey());
    }

    @Test
    void aKeyOnlyCredentialIsSealedWithItsPrivateKeyNotWithPublicFacts() {
        // the same public identity (profile, URL, client, settings) with no secret at all would give a key anyone can derive
        TokenKey withoutKey = credential(ClientAuthentication.PRIVATE_KEY_JWT, null, new ClientAssertion(
                AssertionAlgorithm.HS256, null, "k1", URL.toString(), Duration.ofSeconds(60)),
                TokenTransport.JVM_DEFAULTS).key();
        TokenKey withKey = signedWith(TestPki.rsa()).key();
        assertThat(withKey.sealingKey()).isNotEqualTo(withoutKey.sealingKey());
    }
}
