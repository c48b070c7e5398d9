package org.lastmile.camel.vendorauth.internal.profile;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileReaderTest {

    private final ProfileReader reader = new ProfileReader();

    private VendorProfile read(String json) {
        return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void builtInOauth2Profile() throws Exception {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream(ProfileRegistry.CLASSPATH_FOLDER + "oauth2.json")) {
            VendorProfile oauth2 = reader.read(in, "oauth2.json");
            assertThat(oauth2.name()).isEqualTo("oauth2");
            assertThat(oauth2.grantType()).isEqualTo(GrantType.CLIENT_CREDENTIALS);
            assertThat(oauth2.clientAuthentication()).isEqualTo(ClientAuthentication.BASIC);
            assertThat(oauth2.bodyFormat()).isEqualTo(BodyFormat.FORM);
            assertThat(oauth2.expiry().expiresInUnit()).isEqualTo(ExpiresInUnit.SECONDS);
            assertThat(oauth2.environments()).isEmpty();
            assertThat(oauth2.refresh().enabled()).isTrue();
        }
    }

    @Test
    void fullVocabulary() {
        VendorProfile profile = read("""
                {
                  "name": "acme",
                  "description": "ACME logistics",
                  "environments": {
                    "production": {"tokenUrl": "https://auth.acme.test/token", "apiUrl": "https://api.acme.test",
                                   "parameters": {"audience": "https://api.acme.test/"}},
                    "staging": {"tokenUrl": "https://auth.staging.acme.test/token", "refreshUrl": "https://r.acme.test"}
                  },
                  "grantType": "password",
                  "clientAuthentication": "basic-raw",
                  "bodyFormat": "json",
                  "parameters": {"tenantType": "merchant", "version": 2},
                  "expiry": {"expiresInUnit": "milliseconds", "maxLifetime": "PT24H", "refreshTokenLifetime": "P90D"},
                  "refresh": {"clientAuthentication": "none", "bodyFormat": "form", "carriedParameters": ["tenantType"]}
                }""");
        assertThat(profile.defaultEnvironment()).as("the first one").isEqualTo("production");
        assertThat(profile.environments().keySet()).containsExactly("production", "staging");
        assertThat(profile.environments().get("staging").refreshUrl()).isEqualTo("https://r.acme.test");
        assertThat(profile.parameters()).containsEntry("version", "2");
        assertThat(profile.expiry().maxLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(profile.expiry().refreshTokenLifetime()).isEqualTo(Duration.ofDays(90));
        assertThat(profile.refresh().clientAuthentication()).isEqualTo(ClientAuthentication.NONE);
        assertThat(profile.refresh().carriedParameters()).containsExactly("tenantType");
    }

    @Test
    void aProfileMayChooseAnyClientAuthenticationIncludingTheNamesIdentityProvidersPrint() {
        assertThat(read("{\"name\":\"x\",\"clientAuthentication\":\"private_key_jwt\"}").clientAuthentication())
                .isEqualTo(ClientAuthentication.PRIVATE_KEY_JWT);
        assertThat(read("{\"name\":\"x\",\"clientAuthentication\":\"tls_client_auth\","
                + "\"refresh\":{\"clientAuthentication\":\"client_secret_jwt\"}}").refresh().clientAuthentication())
                .isEqualTo(ClientAuthentication.CLIENT_SECRET_JWT);
        assertThat(read("{\"name\":\"x\",\"clientAuthentication\":\"client_secret_post\"}").clientAuthentication())
                .isEqualTo(ClientAuthentication.BODY);
        assertThat(read("{\"name\":\"x\",\"clientAuthentication\":\"client_secret_basic\"}").clientAuthentication())
                .isEqualTo(ClientAuthentication.BASIC);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> read("{\"name\":\"x\",\"grantTyp\":\"password\"}"))
                .hasMessageContaining("test.json").hasMessageContaining("field grantTyp is not a known field");
        assertThatThrownBy(() -> read("{\"name\":\"x\",\"grantType\":\"implicit\"}"))
                .hasMessageContaining("field grantType").hasMessageContaining("unknown value 'implicit'");
        assertThatThrownBy(() -> read("{\"name\":\"x\",\"expiry\":{\"maxLifetime\":\"1 day\"}}"))
                .hasMessageContaining("field expiry.maxLifetime must be an ISO-8601 duration");
        assertThatThrownBy(() -> read("{\"name\":\"x\",\"environments\":{\"prod\":{\"tokenURL\":\"u\"}}}"))
                .hasMessageContaining("field environments.prod.tokenURL is not a known field");
        assertThatThrownBy(() -> read("{\"name\":\"x\",\"defaultEnvironment\":\"prod\"}"))
                .hasMessageContaining("field defaultEnvironment names no environment");
        assertThatThrownBy(() -> read("{\"description\":\"nameless\"}")).hasMessageContaining("field name is required");
        assertThatThrownBy(() -> read("{\"name\":")).hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> read("{\"name\":\"x\",\"expiry\":{\"minLifetime\":\"P2D\"}}"))
                .hasMessageContaining("minLifetime is longer than maxLifetime");
    }

    @Test
    void aProfileDeclaresWhichParametersAreSecretAndTheResolverKeepsThem() {
        VendorProfile profile = read("""
                {"name": "keyed", "parameters": {"apiKey": "k-Secret-4410", "scope": "orders"},
                 "secretParameters": ["apiKey"], "clientAuthentication": "none"}
                """);
        assertThat(profile.secretParameters()).containsExactly("apiKey");
        CredentialOptions options = new CredentialOptions(java.util.Map.of("tokenUrl", "http://127.0.0.1:1/token"));
        Credential credential = CredentialResolver.resolve(profile, options, TokenTransport.JVM_DEFAULTS, uri -> {
            throw new java.io.IOException("no resources here");
        });
        assertThat(credential.secrets()).containsExactly("k-Secret-4410");
        assertThat(credential.hasKeyMaterial()).as("the API key is key material").isTrue();
    }
}
