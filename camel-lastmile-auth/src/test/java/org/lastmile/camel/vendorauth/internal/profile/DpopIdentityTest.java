package org.lastmile.camel.vendorauth.internal.profile;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.spi.DpopKey;

import static org.assertj.core.api.Assertions.assertThat;

/** DPoP in a credential's identity: the given key's thumbprint names it, and the key is secret material to seal with. */
class DpopIdentityTest {

    private static Credential withDpop(DpopPolicy dpop) {
        Credential base = KeyMaterialTest.withoutSecret(null, Map.of(), Set.of());
        return new Credential(base.profile(), base.endpoint(), base.grant(), base.client(), base.parameters(),
                base.expiry(), base.refresh(), null, null, dpop);
    }

    @Test
    void aGivenKeyNamesTheCredentialAndIsItsKeyMaterial() {
        DpopKey key = DpopKey.generate();
        Credential publicClient = withDpop(new DpopPolicy(key, false));

        assertThat(publicClient.hasKeyMaterial()).as("a public client proving possession of its key").isTrue();
        assertThat(withDpop(new DpopPolicy(key, false)).key()).as("the same on every member")
                .isEqualTo(publicClient.key());
        assertThat(withDpop(new DpopPolicy(DpopKey.generate(), false)).key()).as("another key, another credential")
                .isNotEqualTo(publicClient.key());
        assertThat(withDpop(new DpopPolicy(key, true)).key()).isNotEqualTo(publicClient.key());
        assertThat(publicClient.toString()).contains(key.thumbprint()).doesNotContain(key.toPrivateJwk());
    }

    @Test
    void dpopOrNotAreTwoCredentials() {
        Credential base = KeyMaterialTest.withoutSecret("vault-Key", Map.of(), Set.of());
        Credential dpop = new Credential(base.profile(), base.endpoint(), base.grant(), base.client(), base.parameters(),
                base.expiry(), base.refresh(), null, "vault-Key", new DpopPolicy(null, false));

        assertThat(dpop.key()).isNotEqualTo(base.key());
        assertThat(dpop.withGrant(dpop.grant()).dpop()).as("kept by withGrant").isEqualTo(dpop.dpop());
    }
}
