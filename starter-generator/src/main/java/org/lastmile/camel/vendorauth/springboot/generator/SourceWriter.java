package org.lastmile.camel.vendorauth.springboot.generator;

import java.util.List;

/**
 * Writes the Java source of a class of properties: a field with its Javadoc per property, then the getters and setters.
 * No logic goes into the generated class, so that Spring Boot's configuration processor and Camel's property copying see
 * plain Java Beans.
 */
final class SourceWriter {

    private SourceWriter() {
    }

    /**
     * @param packageName the package
     * @param simpleName  the class's name
     * @param javadoc     the class's Javadoc, one paragraph
     * @param annotation  an annotation of the class as source text (such as {@code @ConfigurationProperties(...)}), or
     *                    {@code null}
     * @param superclass  the class it extends, or {@code null}
     * @param properties  its properties, in order
     */
    static String write(String packageName, String simpleName, String javadoc, String annotation, String superclass,
                        List<Property> properties) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("package ").append(packageName).append(";\n\n");
        out.append("/**\n * ").append(javadoc)
                .append("\n * <p>\n * Generated at build time from the component's catalog; change the option on the"
                        + " component, not here.\n */\n");
        out.append("@javax.annotation.processing.Generated(\"").append(StarterGenerator.class.getName()).append("\")\n");
        if (annotation != null) {
            out.append(annotation).append('\n');
        }
        out.append("public class ").append(simpleName);
        if (superclass != null) {
            out.append(" extends ").append(superclass);
        }
        out.append(" {\n");
        for (Property property : properties) {
            out.append('\n');
            if (!property.description().isEmpty()) {
                out.append("    /**\n     * ").append(javadoc(property.description())).append("\n     */\n");
            }
            if (property.deprecated()) {
                out.append("    @Deprecated\n");
            }
            out.append("    private ").append(property.type()).append(' ').append(property.name());
            if (property.initializer() != null) {
                out.append(" = ").append(property.initializer());
            }
            out.append(";\n");
        }
        for (Property property : properties) {
            out.append('\n');
            if (property.deprecated()) {
                out.append("    @Deprecated\n    @org.springframework.boot.context.properties.DeprecatedConfigurationProperty\n");
            }
            out.append("    public ").append(property.type()).append(' ').append(property.getter()).append("() {\n")
                    .append("        return ").append(property.name()).append(";\n    }\n\n");
            if (property.deprecated()) {
                out.append("    @Deprecated\n");
            }
            out.append("    public void ").append(property.setter()).append('(').append(property.type()).append(' ')
                    .append(property.name()).append(") {\n        this.").append(property.name()).append(" = ")
                    .append(property.name()).append(";\n    }\n");
        }
        return out.append("}\n").toString();
    }

    /**
     * Text as one Javadoc line. The configuration processor copies Javadoc as it stands, so nothing is escaped that
     * would show; what would end the comment or open a tag is refused instead, so that a description cannot silently
     * change on its way to the IDE.
     */
    static String javadoc(String text) {
        if (text.contains("*/") || text.contains("{@") || text.contains("\n") || text.startsWith("@")) {
            throw new IllegalArgumentException("A description that Javadoc cannot carry unchanged: " + text);
        }
        return text;
    }

    static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
