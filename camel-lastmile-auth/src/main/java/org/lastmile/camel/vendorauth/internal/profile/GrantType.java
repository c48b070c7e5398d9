package org.lastmile.camel.vendorauth.internal.profile;

/**
 * The primary grant a credential uses to obtain its first token. Refreshing with a refresh token is not a choice here: it
 * happens on its own whenever the vendor handed out a refresh token.
 */
public enum GrantType {
    /** RFC 6749 §4.4: the client's own credentials. */
    CLIENT_CREDENTIALS("client_credentials"),
    /**
     * RFC 6749 §4.3: a user name and password. Deprecated by RFC 9700 (OAuth 2.0 Security BCP), kept because vendors such as
     * Shopgate and Winkelstraat require it.
     */
    PASSWORD("password");

    private final String wireName;

    GrantType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code grant_type} parameter. */
    public String wireName() {
        return wireName;
    }

    /** Reads an option value; the error names the option and the accepted values. */
    public static GrantType fromOption(String value) {
        return OptionValues.parse(GrantType.class, "grantType", value, GrantType::wireName);
    }
}
