package org.lastmile.camel.vendorauth;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages about options a user typed wrong, which never repeat a value: the value of a misspelt option may well be a
 * secret (Camel's own message would print {@code Unknown parameters=[{clientSecrt=s3cret}]}). Names are repeated only when
 * they resemble a known option; a name like none of them is often a piece of a value that held an unwrapped {@code &}.
 */
public final class VendorAuthOptionErrors {

    private static final Logger LOG = LoggerFactory.getLogger(VendorAuthOptionErrors.class);
    private static final String CATALOG = "/META-INF/org/lastmile/camel/vendorauth/vendorauth.json";
    /** The catalog's type of an option read as a duration. */
    private static final String DURATION = "duration";

    /** Edits within which a name counts as a misspelling of an option. */
    private static final int NEAR = 3;

    private VendorAuthOptionErrors() {
    }

    /** The message for options no endpoint has. */
    static String unknown(Collection<String> unknown, Set<String> known) {
        Set<String> named = new TreeSet<>();
        int unnamed = 0;
        for (String name : unknown) {
            Optional<String> nearest = nearest(name, known);
            if (nearest.isPresent()) {
                named.add(name + " (did you mean " + nearest.get() + "?)");
            } else {
                unnamed++;
            }
        }
        StringBuilder message = new StringBuilder("Unknown option");
        message.append(unknown.size() == 1 ? "" : "s");
        if (!named.isEmpty()) {
            message.append(' ').append(String.join(", ", named));
        }
        if (unnamed > 0) {
            message.append(named.isEmpty() ? ": " : "; and ").append(unnamed)
                    .append(unnamed == 1 ? " whose name resembles no option" : " whose names resemble no option")
                    .append(" (a value holding & or + must be wrapped: clientSecret=RAW(...))");
        }
        return message.append(". Values are not shown, since they may be secrets.").toString();
    }

    /**
     * Warns, once per endpoint, of a secret that holds a space: in a URI a {@code +} is a space, so the secret most likely
     * held a {@code +}. The warning names the option, never the value.
     */
    static void warnOfPlusTurnedSpace(String uri, String option, String value) {
        if (value != null && value.indexOf(' ') >= 0 && !uri.contains(option + "=RAW(")) {
            LOG.warn("Option {} of {} holds a space: in an endpoint URI a + stands for a space. If the value holds a +"
                    + " (or &), wrap it: {}=RAW(...)", option, withoutQuery(uri), option);
        }
    }

    /** The URI without its options, which may hold secrets. */
    static String withoutQuery(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** The message for an option whose value cannot be read: its name and, for a duration, the forms it accepts. */
    static String cannotTake(String option) {
        String forms = DURATION.equals(catalog().path("properties").path(option).path("type").asText())
                ? ": a duration is written as milliseconds (120000), with units (2m, 90s, 1h30m) or in ISO-8601 (PT2M)"
                : "";
        return "Option " + option + " cannot take the value given (not shown, since it may be a secret)" + forms;
    }

    /** The endpoint's options, as the component's catalog (generated at build time) lists them. */
    static Set<String> endpointOptions() {
        Set<String> options = new TreeSet<>();
        catalog().path("properties").fieldNames().forEachRemaining(options::add);
        return options;
    }

    private static JsonNode catalog() {
        try (InputStream catalog = VendorAuthOptionErrors.class.getResourceAsStream(CATALOG)) {
            if (catalog != null) {
                return new ObjectMapper().readTree(catalog);
            }
        } catch (IOException e) {
            // without the catalog no option is suggested; the message stays as safe
            LOG.debug("Could not read {}", CATALOG, e);
        }
        return MissingNode.getInstance();
    }

    /**
     * The known name closest to the given one, if it is near enough to be what was meant: the "did you mean" of the
     * component's messages, for the Spring Boot starter's check of its properties as well.
     *
     * @param name  a name that is not known
     * @param known the names there are
     * @return the known name meant, if one is near enough
     */
    public static Optional<String> nearest(String name, Set<String> known) {
        String lower = name.toLowerCase(Locale.ROOT);
        return known.stream()
                .map(option -> new Candidate(option, distance(lower, option.toLowerCase(Locale.ROOT))))
                .filter(candidate -> candidate.distance() <= Math.min(NEAR, name.length() / 2))
                .min(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::option))
                .map(Candidate::option);
    }

    private record Candidate(String option, int distance) {
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
