package org.lastmile.camel.vendorauth.internal.profile;

import java.time.Duration;

/** The unit a vendor writes {@code expires_in} in. RFC 6749 says seconds; some vendors document milliseconds. */
public enum ExpiresInUnit {
    SECONDS("seconds", 1000),
    MILLISECONDS("milliseconds", 1);

    private final String optionValue;
    private final long millisPerUnit;

    ExpiresInUnit(String optionValue, long millisPerUnit) {
        this.optionValue = optionValue;
        this.millisPerUnit = millisPerUnit;
    }

    /** The value as written in an endpoint option or a profile file. */
    public String optionValue() {
        return optionValue;
    }

    /** The duration of {@code amount} of this unit; fractions are kept to the millisecond. */
    public Duration toDuration(double amount) {
        return Duration.ofMillis(Math.round(amount * millisPerUnit));
    }

    /** Reads an option value; the error names the option and the accepted values. */
    public static ExpiresInUnit fromOption(String value) {
        return OptionValues.parse(ExpiresInUnit.class, "expiresInUnit", value, ExpiresInUnit::optionValue);
    }
}
