package org.lastmile.camel.vendorauth.internal.profile;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a profile file: one JSON object in the vocabulary documented in the README ("Profiles"). Unknown fields are errors,
 * so that a misspelt field in a user's profile fails at start-up instead of silently taking a default.
 */
public final class ProfileReader {

    private static final Set<String> TOP_FIELDS = Set.of("name", "description", "environments", "defaultEnvironment",
            "grantType", "clientAuthentication", "bodyFormat", "parameters", "requiredParameters", "tokenUrlHint", "expiry",
            "refresh", "secretParameters");
    private static final Set<String> ENVIRONMENT_FIELDS = Set.of("tokenUrl", "refreshUrl", "apiUrl", "parameters");
    private static final Set<String> EXPIRY_FIELDS = Set.of("expiresInUnit", "defaultLifetime", "minLifetime",
            "maxLifetime", "refreshTokenLifetime");
    private static final Set<String> REFRESH_FIELDS = Set.of("enabled", "clientAuthentication", "bodyFormat",
            "carriedParameters");

    /** Used when a profile does not say: RFC 6749's seconds, and bounds wide enough for any sane vendor. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    private static final Duration DEFAULT_MIN_LIFETIME = Duration.ofSeconds(1);
    private static final Duration DEFAULT_MAX_LIFETIME = Duration.ofDays(1);

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Reads one profile.
     *
     * @param in     the file's content
     * @param source where it came from, for error messages
     * @throws IllegalArgumentException naming the source and the field when the file is not a valid profile
     */
    public VendorProfile read(InputStream in, String source) {
        JsonNode root;
        try {
            root = mapper.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Profile " + source + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Profile " + source + " cannot be read: " + e.getMessage(), e);
        }
        Fields top = new Fields(root, source, "", TOP_FIELDS);
        String name = top.requiredText("name");
        Map<String, VendorProfile.Environment> environments = new LinkedHashMap<>();
        top.objectEntries("environments").forEach((envName, node) -> {
            Fields env = new Fields(node, source, "environments." + envName + ".", ENVIRONMENT_FIELDS);
            environments.put(envName, new VendorProfile.Environment(env.text("tokenUrl"), env.text("refreshUrl"),
                    env.text("apiUrl"), env.stringMap("parameters")));
        });
        String defaultEnvironment = top.text("defaultEnvironment");
        if (defaultEnvironment == null && !environments.isEmpty()) {
            defaultEnvironment = environments.keySet().iterator().next();
        }
        if (defaultEnvironment != null && !environments.containsKey(defaultEnvironment)) {
            throw top.error("defaultEnvironment", "names no environment of this profile: " + defaultEnvironment);
        }
        BodyFormat bodyFormat = top.option("bodyFormat", BodyFormat::fromOption, BodyFormat.FORM);
        ClientAuthentication clientAuth = top.option("clientAuthentication", ClientAuthentication::fromOption,
                ClientAuthentication.BASIC);

        Fields expiry = new Fields(top.node("expiry"), source, "expiry.", EXPIRY_FIELDS);
        VendorProfile.ExpiryRules rules = new VendorProfile.ExpiryRules(
                expiry.option("expiresInUnit", ExpiresInUnit::fromOption, ExpiresInUnit.SECONDS),
                expiry.duration("defaultLifetime", DEFAULT_LIFETIME),
                expiry.duration("minLifetime", DEFAULT_MIN_LIFETIME),
                expiry.duration("maxLifetime", DEFAULT_MAX_LIFETIME),
                expiry.duration("refreshTokenLifetime", null));
        if (rules.minLifetime().compareTo(rules.maxLifetime()) > 0) {
            throw expiry.error("minLifetime", "is longer than maxLifetime");
        }

        Fields refresh = new Fields(top.node("refresh"), source, "refresh.", REFRESH_FIELDS);
        VendorProfile.RefreshRules refreshRules = new VendorProfile.RefreshRules(
                refresh.bool("enabled", true),
                refresh.option("clientAuthentication", ClientAuthentication::fromOption, null),
                refresh.option("bodyFormat", BodyFormat::fromOption, null),
                refresh.stringList("carriedParameters"));

        return new VendorProfile(name, top.text("description"), environments, defaultEnvironment,
                top.option("grantType", GrantType::fromOption, GrantType.CLIENT_CREDENTIALS), clientAuth, bodyFormat,
                top.stringMap("parameters"), top.stringMap("requiredParameters"), top.text("tokenUrlHint"), rules,
                refreshRules, Set.copyOf(top.stringList("secretParameters")));
    }

    /** Typed, checked access to the fields of one JSON object. */
    private static final class Fields {
        private final JsonNode node;
        private final String source;
        private final String path;

        Fields(JsonNode node, String source, String path, Set<String> allowed) {
            this.node = node;
            this.source = source;
            this.path = path;
            if (node != null && !node.isNull()) {
                if (!node.isObject()) {
                    throw new IllegalArgumentException(
                            "Profile " + source + ": " + (path.isEmpty() ? "the file" : path) + " must be a JSON object");
                }
                for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                    String field = it.next();
                    if (!allowed.contains(field)) {
                        throw error(field, "is not a known field; known fields: " + String.join(", ", allowed));
                    }
                }
            }
        }

        IllegalArgumentException error(String field, String problem) {
            return new IllegalArgumentException("Profile " + source + ": field " + path + field + " " + problem);
        }

        JsonNode node(String field) {
            return node == null ? null : node.get(field);
        }

        String text(String field) {
            JsonNode value = node(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw error(field, "must be a string");
            }
            return value.asText();
        }

        String requiredText(String field) {
            String value = text(field);
            if (value == null || value.isBlank()) {
                throw error(field, "is required");
            }
            return value;
        }

        boolean bool(String field, boolean fallback) {
            JsonNode value = node(field);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw error(field, "must be true or false");
            }
            return value.asBoolean();
        }

        <T> T option(String field, Function<String, T> parse, T fallback) {
            String value = text(field);
            if (value == null) {
                return fallback;
            }
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
        }

        Duration duration(String field, Duration fallback) {
            String value = text(field);
            if (value == null) {
                return fallback;
            }
            try {
                Duration duration = Duration.parse(value);
                if (duration.isNegative()) {
                    throw error(field, "must not be negative");
                }
                return duration;
            } catch (DateTimeParseException e) {
                throw error(field, "must be an ISO-8601 duration such as PT1H or P90D, not '" + value + "'");
            }
        }

        Map<String, JsonNode> objectEntries(String field) {
            JsonNode value = node(field);
            Map<String, JsonNode> entries = new LinkedHashMap<>();
            if (value == null || value.isNull()) {
                return entries;
            }
            if (!value.isObject()) {
                throw error(field, "must be a JSON object");
            }
            value.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
            return entries;
        }

        Map<String, String> stringMap(String field) {
            Map<String, String> result = new LinkedHashMap<>();
            objectEntries(field).forEach((key, value) -> {
                if (!value.isValueNode() || value.isNull()) {
                    throw error(field + "." + key, "must be a string, number or boolean");
                }
                result.put(key, value.asText());
            });
            return result;
        }

        List<String> stringList(String field) {
            JsonNode value = node(field);
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                throw error(field, "must be an array of strings");
            }
            return java.util.stream.StreamSupport.stream(value.spliterator(), false).map(item -> {
                if (!item.isTextual()) {
                    throw error(field, "must be an array of strings");
                }
                return item.asText();
            }).toList();
        }
    }
}
