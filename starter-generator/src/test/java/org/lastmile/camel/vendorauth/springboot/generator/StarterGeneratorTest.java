package org.lastmile.camel.vendorauth.springboot.generator;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pieces of the generated source that the starter's own tests do not reach with today's catalog: defaults of every
 * type written as Java literals, and a description that Javadoc would change refused rather than altered.
 */
class StarterGeneratorTest {

    @Test
    void defaultsAreJavaLiteralsOfTheBoxedType() {
        assertThat(Property.initializer("Long", "60000")).isEqualTo("60000L");
        assertThat(Property.initializer("Integer", "3")).isEqualTo("3");
        assertThat(Property.initializer("Boolean", "true")).isEqualTo("true");
        assertThat(Property.initializer("String", "a \"b\"\\c")).isEqualTo("\"a \\\"b\\\"\\\\c\"");
        assertThat(Property.initializer("org.example.Store", "#bean:store")).isNull();
        assertThat(Property.boxed("java.util.Map<java.lang.String, java.lang.Object>"))
                .isEqualTo("java.util.Map<String, Object>");
    }

    @Test
    void aDescriptionJavadocWouldChangeIsRefused() {
        CatalogOption option = new CatalogOption("odd", "java.lang.String", "", "Ends a comment */ early", null, false,
                false, List.of(), null, null);
        assertThatThrownBy(() -> StarterGenerator.componentConfiguration(List.of(option)))
                .hasMessageContaining("Ends a comment");
    }

    @Test
    void aSecretOptionSaysSo() {
        CatalogOption option = new CatalogOption("apiKey", "java.lang.String", "security", "The API key.", null, true,
                false, List.of(), null, null);
        assertThat(StarterGenerator.componentConfiguration(List.of(option)))
                .contains("The API key. " + Property.SECRET).contains("private String apiKey;");
    }
}
