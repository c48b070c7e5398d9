package org.lastmile.camel.vendorauth.internal.profile;

/** How the client proves who it is to the token endpoint. */
public enum ClientAuthentication {
    /** RFC 6749 §2.3.1: {@code Authorization: Basic} of the form-encoded id and secret. */
    BASIC("basic"),
    /** {@code Authorization: Basic} of the raw {@code id:secret}, as several vendors document it. */
    BASIC_RAW("basic-raw"),
    /** {@code client_id} and {@code client_secret} in the request body. */
    BODY("body"),
    /** No client credentials at all. */
    NONE("none");

    private final String optionValue;

    ClientAuthentication(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The value as written in an endpoint option or a profile file. */
    public String optionValue() {
        return optionValue;
    }

    /** Reads an option value; the error names the option and the accepted values. */
    public static ClientAuthentication fromOption(String value) {
        return OptionValues.parse(ClientAuthentication.class, "clientAuthentication", value,
                ClientAuthentication::optionValue);
    }
}
