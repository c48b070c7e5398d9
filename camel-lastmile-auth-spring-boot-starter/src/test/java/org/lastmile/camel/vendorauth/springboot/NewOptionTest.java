package org.lastmile.camel.vendorauth.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.camel.vendorauth.springboot.generator.StarterGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An option added to the component reaches the starter with no edit of the starter: the catalog the component's build
 * writes for a new {@code @UriParam} of {@code VendorAuthConfiguration} is fed to the starter's generator, whose classes
 * are compiled with Spring Boot's configuration processor, as the starter's build does; the new option is then a
 * described property with its default in the IDE metadata, and an option of named credentials.
 */
class NewOptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DESCRIPTION = "How many times a refused token request is tried again.";

    @TempDir
    Path dir;

    @Test
    void aNewUriParamOfTheComponentIsAPropertyOfTheStarter() throws Exception {
        ObjectNode catalog = (ObjectNode) catalog();
        // what camel-package-maven-plugin writes for
        // @UriParam(label = "advanced", defaultValue = "7", description = "...") private int tokenRetries = 7;
        ObjectNode option = JSON.createObjectNode().put("kind", "property").put("displayName", "Token Retries")
                .put("group", "advanced").put("label", "advanced").put("required", false).put("type", "integer")
                .put("javaType", "int").put("deprecated", false).put("autowired", false).put("secret", false)
                .put("defaultValue", 7).put("description", DESCRIPTION)
                .put("configurationClass", "org.lastmile.camel.vendorauth.VendorAuthConfiguration")
                .put("configurationField", "configuration");
        ((ObjectNode) catalog.get("componentProperties")).set("tokenRetries", option);
        ((ObjectNode) catalog.get("properties")).set("tokenRetries", option.deepCopy().put("kind", "parameter"));

        StarterGenerator.generate(catalog, dir.resolve("src"), dir.resolve("resources"));
        Path classes = compile(dir.resolve("src"), dir.resolve("resources"));

        JsonNode property = null;
        for (JsonNode candidate : read(classes.resolve("META-INF/spring-configuration-metadata.json")).path("properties")) {
            if (candidate.path("name").asText().equals("camel.component.vendorauth.token-retries")) {
                property = candidate;
            }
        }
        assertThat(property).isNotNull();
        assertThat(property.path("description").asText()).isEqualTo(DESCRIPTION);
        assertThat(property.path("type").asText()).isEqualTo("java.lang.Integer");
        assertThat(property.path("defaultValue").asInt()).isEqualTo(7);

        // apart from the starter's own classes, which hold today's options
        try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
                ClassLoader.getPlatformClassLoader())) {
            Class<?> credential = loader.loadClass("org.lastmile.camel.vendorauth.springboot.VendorAuthCredentialProperties");
            // text, since a named credential's value may be a placeholder until it is looked up
            assertThat(credential.getMethod("getTokenRetries").getReturnType()).isEqualTo(String.class);
        }
    }

    private static JsonNode catalog() throws IOException {
        URL url = NewOptionTest.class.getClassLoader().getResource("META-INF/org/lastmile/camel/vendorauth/vendorauth.json");
        assertThat(url).isNotNull();
        try (InputStream in = url.openStream()) {
            return JSON.readTree(in);
        }
    }

    /** Compiles as the starter's build does: resources first in the output, then the sources with the processor. */
    private static Path compile(Path sources, Path resources) throws IOException {
        Path classes = Files.createDirectories(sources.resolveSibling("classes"));
        Path hints = Path.of("META-INF/additional-spring-configuration-metadata.json");
        Files.createDirectories(classes.resolve("META-INF"));
        Files.copy(resources.resolve(hints), classes.resolve(hints));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
            boolean compiled = javac.getTask(errors, fileManager, null,
                    List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"), "-processor",
                            "org.springframework.boot.configurationprocessor.ConfigurationMetadataAnnotationProcessor"),
                    null, fileManager.getJavaFileObjectsFromPaths(files)).call();
            assertThat(compiled).as(errors.toString()).isTrue();
        }
        return classes;
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }
}
