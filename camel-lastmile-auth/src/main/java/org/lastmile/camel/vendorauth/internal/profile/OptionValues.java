package org.lastmile.camel.vendorauth.internal.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses the string form of an enumerated option, failing with a message that names the option. */
final class OptionValues {

    private OptionValues() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String option, String value, Function<E, String> name) {
        if (value != null) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (E candidate : type.getEnumConstants()) {
                if (name.apply(candidate).equals(wanted)) {
                    return candidate;
                }
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants()).map(name).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(
                "Option " + option + " has an unknown value '" + value + "'; expected one of: " + accepted);
    }
}
