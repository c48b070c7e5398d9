package org.lastmile.camel.examples;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resources the component reads at run time are registered for a native image (GraalVM reads the jar's
 * {@code META-INF/native-image/.../resource-config.json}); no native image is built here, so this is all that is checked.
 */
class NativeRegistrationsTest {

    private static final String CONFIG = "META-INF/native-image/org.lastmile.camel/camel-lastmile-auth/resource-config.json";

    @Test
    void everyResourceTheComponentReadsIsIncluded() throws IOException {
        List<Pattern> includes = new ArrayList<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CONFIG)) {
            assertThat(in).as(CONFIG).isNotNull();
            for (JsonNode include : new ObjectMapper().readTree(in).path("resources").path("includes")) {
                includes.add(Pattern.compile(include.path("pattern").asText()));
            }
        }
        List<String> read = List.of("META-INF/services/org/apache/camel/component/vendorauth",
                "META-INF/org/lastmile/camel/vendorauth/vendorauth.json", "META-INF/vendorauth/profiles/oauth2.json",
                "META-INF/vendorauth/profiles/woop.json", "META-INF/vendorauth/profiles/winkelstraat.json",
                "META-INF/vendorauth/profiles/dataloy.json", "META-INF/vendorauth/profiles/shopgate.json");
        for (String resource : read) {
            assertThat(getClass().getClassLoader().getResource(resource)).as(resource).isNotNull();
            assertThat(includes).as(resource).anySatisfy(include -> assertThat(include.matcher(resource).matches()).isTrue());
        }
    }
}
