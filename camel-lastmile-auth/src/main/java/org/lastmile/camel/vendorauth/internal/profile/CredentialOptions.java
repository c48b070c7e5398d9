package org.lastmile.camel.vendorauth.internal.profile;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The options a {@link CredentialResolver} reads, by their URI names ({@code clientId}, {@code tokenUrl}, ...), as the user
 * set them: an option that is not set is absent. The Camel face fills it from its option catalog, so that an option is
 * declared once, where Camel's tooling reads it, and the resolver depends on nothing above its layer. Holds secrets, so
 * {@link #toString()} names only which options are set.
 */
public final class CredentialOptions {

    /** Further parameters of the token request ({@code param.<name>} on a URI), as a map. */
    public static final String ADDITIONAL_PARAMETERS = "additionalParameters";

    private final Map<String, Object> values;

    /** @param values option values by URI name; {@code null} values count as not set */
    public CredentialOptions(Map<String, ?> values) {
        Map<String, Object> set = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value != null) {
                set.put(name, value);
            }
        });
        this.values = Collections.unmodifiableMap(set);
    }

    /** The option as text, {@code null} when it is not set. */
    public String text(String option) {
        Object value = values.get(option);
        return value == null ? null : String.valueOf(value);
    }

    /** A boolean option: {@code true} or {@code false} (any case), {@code false} when not set. */
    public boolean flag(String option) {
        String value = text(option);
        if (value == null || value.isBlank()) {
            return false;
        }
        if (!value.trim().equalsIgnoreCase("true") && !value.trim().equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("Option " + option + " must be true or false");
        }
        return Boolean.parseBoolean(value.trim());
    }

    /** A duration option held as milliseconds (a number or a {@link Duration}), or {@code fallback} when not set. */
    public long millis(String option, long fallback) {
        Object value = values.get(option);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Duration duration) {
            return duration.toMillis();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option " + option + " is not a number of milliseconds", e);
        }
    }

    /** The further parameters of the token request, in the order given. */
    public Map<String, String> additionalParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (values.get(ADDITIONAL_PARAMETERS) instanceof Map<?, ?> map) {
            map.forEach((name, value) -> parameters.put(String.valueOf(name), value == null ? null : String.valueOf(value)));
        }
        return parameters;
    }

    /** These options with {@code overlay} laid over them: what the overlay sets wins. */
    public CredentialOptions with(Map<String, ?> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(overlay);
        return new CredentialOptions(merged);
    }

    /** These options without those named: what is left to compare when some do not shape a credential. */
    public CredentialOptions without(Collection<String> options) {
        Map<String, Object> kept = new LinkedHashMap<>(values);
        kept.keySet().removeAll(options);
        return new CredentialOptions(kept);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CredentialOptions options && values.equals(options.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "CredentialOptions" + new TreeSet<>(values.keySet());
    }
}
