package org.lastmile.camel.vendorauth.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.springboot.generator.Property;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the Spring Boot properties to the component's catalog: every component option of {@code vendorauth.json} is a
 * property of the IDE metadata, under its kebab-case name, with the catalog's description (secret options say so), type,
 * default and allowed values.
 */
class VendorAuthComponentConfigurationTest {

    private static final String PREFIX = "camel.component.vendorauth.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyComponentOptionIsAPropertyDescribedAsInTheCatalog() throws IOException {
        JsonNode catalog = read(getClass().getClassLoader().getResource(
                "META-INF/org/lastmile/camel/vendorauth/vendorauth.json")).get("componentProperties");
        Map<String, JsonNode> properties = vendorAuthProperties();

        assertThat(catalog.size()).isGreaterThan(30);
        for (Iterator<Map.Entry<String, JsonNode>> it = catalog.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> option = it.next();
            String name = PREFIX + kebab(option.getKey());
            JsonNode property = properties.get(name);
            assertThat(property).as(name).isNotNull();
            String description = option.getValue().path("description").asText();
            assertThat(property.path("description").asText()).as(name).isEqualTo(
                    option.getValue().path("secret").asBoolean() ? description + " " + Property.SECRET : description);
            assertThat(boxed(property.path("type").asText())).as(name)
                    .isEqualTo(boxed(option.getValue().path("javaType").asText()));
            JsonNode defaultValue = option.getValue().get("defaultValue");
            if (defaultValue != null) {
                assertThat(property.path("defaultValue").asText()).as(name).isEqualTo(defaultValue.asText());
            }
        }
        assertThat(properties.get(PREFIX + "client-secret").path("description").asText()).contains("secret");
        // the catalog's options, plus enabled and the customizer switch every camel-spring-boot starter has
        assertThat(properties).containsKeys(PREFIX + "enabled", PREFIX + "customizer.enabled")
                .hasSize(catalog.size() + 2);
    }

    @Test
    void enumeratedOptionsOfferTheirValues() throws IOException {
        Map<String, JsonNode> hints = new HashMap<>();
        for (JsonNode hint : metadata("hints")) {
            hints.put(hint.path("name").asText(), hint);
        }
        JsonNode grantType = hints.get(PREFIX + "grant-type");
        assertThat(grantType).isNotNull();
        assertThat(grantType.path("values").findValuesAsText("value")).containsExactly("client_credentials", "password",
                "token_exchange", "jwt_bearer");
        assertThat(hints).containsKeys(PREFIX + "client-authentication", PREFIX + "body-format");
    }

    @Test
    void namedCredentialsAreDescribedWithTheOptionsACredentialMaySet() throws IOException {
        JsonNode credentials = metadata("properties").stream()
                .filter(property -> property.path("name").asText().equals("camel.vendorauth.credentials"))
                .findFirst().orElseThrow();
        assertThat(credentials.path("type").asText())
                .isEqualTo("java.util.Map<java.lang.String," + VendorAuthCredentialProperties.class.getName() + ">");

        List<String> options = Arrays.stream(VendorAuthCredentialProperties.class.getDeclaredFields())
                .map(Field::getName).toList();
        assertThat(options).contains("clientId", "clientSecret", "username", "password", "tenantId", "scope", "audience",
                "resource", "tokenUrl", "param");
        // how the endpoint reaches the token endpoint is the endpoint's: the component refuses these per credential
        assertThat(options).doesNotContain("credentialProvider", "sslContextParameters", "proxyHost", "proxyPort",
                "proxyAuthUsername", "proxyAuthPassword");
        // text, since a value may be a placeholder until the credential is looked up
        assertThat(Arrays.stream(VendorAuthCredentialProperties.class.getDeclaredFields()).map(Field::getType))
                .containsOnly(String.class, Map.class);
    }

    private static Map<String, JsonNode> vendorAuthProperties() throws IOException {
        Map<String, JsonNode> found = new HashMap<>();
        for (JsonNode property : metadata("properties")) {
            String name = property.path("name").asText();
            if (name.startsWith(PREFIX)) {
                found.put(name, property);
            }
        }
        return found;
    }

    /** The entries of one section of every IDE metadata file on the class path. */
    private static List<JsonNode> metadata(String section) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        Enumeration<URL> files = VendorAuthComponentConfigurationTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (files.hasMoreElements()) {
            read(files.nextElement()).path(section).forEach(found::add);
        }
        return found;
    }

    private static JsonNode read(URL url) throws IOException {
        assertThat(url).isNotNull();
        try (InputStream in = url.openStream()) {
            return JSON.readTree(in);
        }
    }

    private static String kebab(String option) {
        return option.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** The catalog writes primitives and spaced generics; the metadata writes wrappers and unspaced generics. */
    private static String boxed(String type) {
        return switch (type) {
            case "boolean" -> "java.lang.Boolean";
            case "int" -> "java.lang.Integer";
            case "long" -> "java.lang.Long";
            default -> type.replace(" ", "");
        };
    }
}
