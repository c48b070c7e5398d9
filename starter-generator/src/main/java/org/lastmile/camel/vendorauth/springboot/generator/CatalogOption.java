package org.lastmile.camel.vendorauth.springboot.generator;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One option as a Camel component catalog ({@code <scheme>.json}, written by camel-package-maven-plugin) describes it.
 *
 * @param name               the option's name in URIs and the catalog
 * @param javaType           its Java type as the catalog writes it ({@code long}, {@code java.util.Map<java.lang.String,
 *                           java.lang.Object>})
 * @param label              the catalog's labels, comma-separated, empty when none
 * @param description        the catalog's description, empty when none
 * @param defaultValue       the catalog's default as text, or {@code null}
 * @param secret             whether the catalog marks it secret
 * @param deprecated         whether the catalog marks it deprecated
 * @param enums              the values the catalog allows, empty when any
 * @param prefix             the prefix of a multi-value option ({@code param.}), or {@code null}
 * @param configurationClass the class that declares the option when it is not the component or endpoint itself
 */
public record CatalogOption(String name, String javaType, String label, String description, String defaultValue, boolean secret,
                            boolean deprecated, List<String> enums, String prefix, String configurationClass) {

    /** The options of one section ({@code componentProperties} or {@code properties}) of a catalog, in its order. */
    public static List<CatalogOption> read(JsonNode section) {
        List<CatalogOption> options = new ArrayList<>();
        section.fields().forEachRemaining(field -> options.add(of(field.getKey(), field.getValue())));
        return options;
    }

    static CatalogOption of(String name, JsonNode option) {
        List<String> enums = new ArrayList<>();
        option.path("enum").forEach(value -> enums.add(value.asText()));
        JsonNode defaultValue = option.get("defaultValue");
        return new CatalogOption(name, option.path("javaType").asText(), option.path("label").asText(""),
                option.path("description").asText(""),
                defaultValue == null || defaultValue.isNull() ? null : defaultValue.asText(),
                option.path("secret").asBoolean(false), option.path("deprecated").asBoolean(false), List.copyOf(enums),
                text(option, "prefix"), text(option, "configurationClass"));
    }

    /** Whether the catalog gives it this label. */
    public boolean labelled(String wanted) {
        return List.of(label.split(",")).contains(wanted);
    }

    /** Whether a value of it can be written as text: not an object that a reference ({@code #bean:name}) stands for. */
    public boolean textual() {
        return prefix != null || !Property.boxed(javaType).contains(".");
    }

    private static String text(JsonNode option, String field) {
        JsonNode value = option.get(field);
        return value == null || value.asText().isEmpty() ? null : value.asText();
    }
}
