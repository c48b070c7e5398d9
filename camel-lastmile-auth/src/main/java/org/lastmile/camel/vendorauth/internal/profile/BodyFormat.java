package org.lastmile.camel.vendorauth.internal.profile;

/** How the token request's parameters are encoded. */
public enum BodyFormat {
    /** {@code application/x-www-form-urlencoded}, as RFC 6749 requires. */
    FORM("form", "application/x-www-form-urlencoded"),
    /** {@code application/json}: a flat JSON object of the same parameters. */
    JSON("json", "application/json");

    private final String optionValue;
    private final String contentType;

    BodyFormat(String optionValue, String contentType) {
        this.optionValue = optionValue;
        this.contentType = contentType;
    }

    /** The value as written in an endpoint option or a profile file. */
    public String optionValue() {
        return optionValue;
    }

    /** The request's {@code Content-Type}. */
    public String contentType() {
        return contentType;
    }

    /** Reads an option value; the error names the option and the accepted values. */
    public static BodyFormat fromOption(String value) {
        return OptionValues.parse(BodyFormat.class, "bodyFormat", value, BodyFormat::optionValue);
    }
}
