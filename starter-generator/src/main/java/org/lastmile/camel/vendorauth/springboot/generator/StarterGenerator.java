package org.lastmile.camel.vendorauth.springboot.generator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the starter's property classes from the component's catalog, at build time:
 * <ul>
 * <li>{@code VendorAuthComponentConfiguration}: every component option as {@code camel.component.vendorauth.<option>},
 * of the option's own type, with the catalog's description and default, in the shape camel-spring-boot generates for its
 * own starters;</li>
 * <li>{@code VendorAuthCredentialProperties}: every option a named credential may set, as text, for
 * {@code camel.vendorauth.credentials.<name>.<option>}: those the catalog says {@code VendorAuthConfiguration} declares,
 * but for the endpoint's own means of reaching the token endpoint (objects such as {@code sslContextParameters} and
 * {@code credentialProvider}, and the options labelled {@code proxy}), which the component refuses per credential;</li>
 * <li>{@code META-INF/additional-spring-configuration-metadata.json}: the allowed values of the enumerated component
 * options, which the configuration processor adds to the IDE metadata as hints.</li>
 * </ul>
 * Arguments: the catalog as a class path resource, the directory for the sources, the directory for the resources.
 */
public final class StarterGenerator {

    static final String PACKAGE = "org.lastmile.camel.vendorauth.springboot";
    static final String COMPONENT_PREFIX = "camel.component.vendorauth";
    static final String CREDENTIAL_OPTIONS = "org.lastmile.camel.vendorauth.VendorAuthConfiguration";

    private static final ObjectMapper JSON = new ObjectMapper();

    private StarterGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("Expected: <catalog resource> <sources directory> <resources directory>");
        }
        URL catalog = Thread.currentThread().getContextClassLoader().getResource(args[0]);
        if (catalog == null) {
            throw new IllegalStateException("No catalog " + args[0] + " on the class path: is the component built?");
        }
        JsonNode root;
        try (InputStream in = catalog.openStream()) {
            root = JSON.readTree(in);
        }
        generate(root, Path.of(args[1]), Path.of(args[2]));
    }

    /** Writes the files from a catalog; a file whose content is unchanged is left alone, for incremental builds. */
    public static void generate(JsonNode catalog, Path sources, Path resources) throws IOException {
        List<CatalogOption> componentOptions = CatalogOption.read(catalog.path("componentProperties"));
        List<CatalogOption> endpointOptions = CatalogOption.read(catalog.path("properties"));
        Path packageDir = sources.resolve(PACKAGE.replace('.', '/'));
        write(packageDir.resolve("VendorAuthComponentConfiguration.java"), componentConfiguration(componentOptions));
        write(packageDir.resolve("VendorAuthCredentialProperties.java"), credentialProperties(endpointOptions));
        write(resources.resolve("META-INF/additional-spring-configuration-metadata.json"), hints(componentOptions));
    }

    static String componentConfiguration(List<CatalogOption> options) {
        List<Property> properties = new ArrayList<>();
        properties.add(new Property("enabled", "Boolean", "Whether to enable auto configuration of the vendorauth"
                + " component. This is enabled by default.", null, false));
        options.stream().map(Property::typed).forEach(properties::add);
        return SourceWriter.write(PACKAGE, "VendorAuthComponentConfiguration", "The options of the vendorauth"
                + " component as Spring Boot properties, {@code " + COMPONENT_PREFIX + ".*}: one per option of the"
                + " component's catalog, described in the catalog's words, so that IDEs complete and explain them.",
                "@org.springframework.boot.context.properties.ConfigurationProperties(prefix = \"" + COMPONENT_PREFIX
                        + "\")",
                "org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon", properties);
    }

    static String credentialProperties(List<CatalogOption> options) {
        List<Property> properties = options.stream()
                .filter(option -> CREDENTIAL_OPTIONS.equals(option.configurationClass()) && option.textual()
                        && !option.labelled("proxy"))
                .map(Property::text).toList();
        return SourceWriter.write(PACKAGE, "VendorAuthCredentialProperties", "The options of one named credential,"
                + " {@code camel.vendorauth.credentials.<name>.<option>}, by the names its endpoint options have in"
                + " URIs; each is text, since it may hold a placeholder resolved when the credential is looked up.",
                null, null, properties);
    }

    static String hints(List<CatalogOption> options) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode hints = root.putArray("hints");
        for (CatalogOption option : options) {
            if (!option.enums().isEmpty()) {
                ObjectNode hint = hints.addObject().put("name", COMPONENT_PREFIX + "." + kebab(option.name()));
                ArrayNode values = hint.putArray("values");
                option.enums().forEach(value -> values.addObject().put("value", value));
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** A name as Spring Boot writes properties: {@code clientId} becomes {@code client-id}. */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static void write(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
