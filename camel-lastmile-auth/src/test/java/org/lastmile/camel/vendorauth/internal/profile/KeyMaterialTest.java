package org.lastmile.camel.vendorauth.internal.profile;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.spi.TokenKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a credential's key comes from when it has no client secret or password: a sealing key the user gives, secret
 * parameters, or, with neither, material of this JVM alone, so that nobody who knows only its public parts (client id,
 * URLs) derives its key.
 */
public class KeyMaterialTest {

    public static Credential withoutSecret(String sealingKey, Map<String, String> parameters, Set<String> secretParameters) {
        return new Credential("oauth2", TokenEndpoint.of(URI.create("http://127.0.0.1:1/token"), BodyFormat.FORM),
                new Grant.ClientCredentials(), new Client("public-client", null, ClientAuthentication.NONE, null),
                new RequestParameters(parameters, secretParameters), ManagerFixture.SECONDS, ManagerFixture.REFRESH,
                null, sealingKey);
    }

    /** Prints the key id of a credential without any secret, as another JVM derives it. */
    public static void main(String[] args) {
        System.out.println(withoutSecret(null, Map.of(), Set.of()).key().id());
    }

    @Test
    void aSealingKeyIsKeyMaterialAndItsValueDecidesTheKey() {
        TokenKey vault = withoutSecret("from-the-vault", Map.of(), Set.of()).key();
        assertThat(withoutSecret("from-the-vault", Map.of(), Set.of()).key()).as("the same on every member")
                .isEqualTo(vault);
        assertThat(withoutSecret("a-guess", Map.of(), Set.of()).key()).isNotEqualTo(vault);
        assertThat(withoutSecret(null, Map.of(), Set.of()).key()).isNotEqualTo(vault);
        assertThat(withoutSecret("from-the-vault", Map.of(), Set.of()).secrets()).containsExactly("from-the-vault");
    }

    @Test
    void aSecretParameterIsKeyMaterialMaskedAndNotShown() {
        Credential withApiKey = withoutSecret(null, Map.of("apiKey", "k-123-secret", "scope", "orders"), Set.of("apiKey"));
        assertThat(withApiKey.hasKeyMaterial()).isTrue();
        assertThat(withApiKey.secrets()).containsExactly("k-123-secret");
        assertThat(withApiKey.toString()).doesNotContain("k-123-secret");
        assertThat(withApiKey.key()).isNotEqualTo(withoutSecret(null, Map.of("apiKey", "other", "scope", "orders"),
                Set.of("apiKey")).key());
        assertThat(withApiKey.parameters().values()).as("still sent").containsEntry("apiKey", "k-123-secret");
    }

    @Test
    void withoutAnySecretTheKeyIsThisJvmsAlone() throws IOException, InterruptedException {
        Credential bare = withoutSecret(null, Map.of(), Set.of());
        assertThat(bare.hasKeyMaterial()).isFalse();
        assertThat(bare.key()).as("stable within the JVM").isEqualTo(withoutSecret(null, Map.of(), Set.of()).key());

        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KeyMaterialTest.class.getName()).redirectErrorStream(true).start();
        try {
            assertThat(other.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String printed = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(printed).as("another JVM's key").matches("(?s).*[0-9a-f]{40}$");
            assertThat(printed).doesNotEndWith(bare.key().id());
        } finally {
            other.destroyForcibly();
        }
    }
}
