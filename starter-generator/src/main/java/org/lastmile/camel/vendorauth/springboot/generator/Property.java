package org.lastmile.camel.vendorauth.springboot.generator;

/**
 * One property of a generated class: a field with its Javadoc (which Spring Boot's configuration processor turns into the
 * IDE's description), its initial value (the default the IDE shows), a getter and a setter.
 *
 * @param name        the field's name; Spring Boot writes it in kebab case
 * @param type        the field's Java type as source text
 * @param description the Javadoc, one paragraph
 * @param initializer the field's initial value as source text, or {@code null}
 * @param deprecated  whether the property is deprecated
 */
public record Property(String name, String type, String description, String initializer, boolean deprecated) {

    /** Said of every secret option, after the catalog's description. */
    public static final String SECRET = "This option is secret: it never appears in logs or messages; give it through a"
            + " placeholder (such as ${MY_SECRET}) rather than in plain text.";

    /** A component option as a property of its own type, boxed so that "not set" is {@code null}. */
    public static Property typed(CatalogOption option) {
        String type = boxed(option.javaType());
        return new Property(option.name(), type, describe(option), initializer(type, option.defaultValue()),
                option.deprecated());
    }

    /**
     * An option as text, for values that hold a Camel placeholder until they are used; a multi-value option becomes a
     * map named after its prefix ({@code param.x=...}).
     */
    public static Property text(CatalogOption option) {
        if (option.prefix() != null) {
            String name = option.prefix().endsWith(".") ? option.prefix().substring(0, option.prefix().length() - 1)
                    : option.prefix();
            return new Property(name, "java.util.Map<String, String>", describe(option), null, option.deprecated());
        }
        return new Property(option.name(), "String", describe(option), null, option.deprecated());
    }

    private static String describe(CatalogOption option) {
        String description = option.description().strip();
        return option.secret() ? (description.isEmpty() ? SECRET : description + " " + SECRET) : description;
    }

    static String boxed(String javaType) {
        String type = switch (javaType) {
            case "boolean" -> "Boolean";
            case "byte" -> "Byte";
            case "short" -> "Short";
            case "int" -> "Integer";
            case "long" -> "Long";
            case "float" -> "Float";
            case "double" -> "Double";
            case "char" -> "Character";
            default -> javaType;
        };
        // java.lang types by their simple names, as a person would write them
        return type.replaceAll("\\bjava\\.lang\\.([A-Z]\\w*)\\b", "$1");
    }

    static String initializer(String type, String defaultValue) {
        if (defaultValue == null) {
            return null;
        }
        return switch (type) {
            case "Boolean" -> Boolean.toString(Boolean.parseBoolean(defaultValue));
            case "Integer", "Short", "Byte" -> Integer.toString(Integer.parseInt(defaultValue));
            case "Long" -> Long.parseLong(defaultValue) + "L";
            case "Double" -> Double.parseDouble(defaultValue) + "D";
            case "Float" -> Float.parseFloat(defaultValue) + "F";
            case "String" -> SourceWriter.quoted(defaultValue);
            // an object option's default is the component's business, not a value Spring could write
            default -> null;
        };
    }

    /** The getter's name, as Java Beans introspection (and so Spring and Camel) finds it. */
    String getter() {
        return "get" + capitalized();
    }

    String setter() {
        return "set" + capitalized();
    }

    private String capitalized() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
