package org.lastmile.camel.vendorauth.internal.profile;

import java.util.function.Function;

/**
 * The grants a user names in {@code grantType} or a profile file: each name makes its {@link Grant} from the options,
 * failing with the option it misses. Refreshing with a refresh token is not a choice here: it happens on its own whenever
 * the vendor handed out a refresh token.
 */
public enum GrantType {
    /** {@link Grant.ClientCredentials}. */
    CLIENT_CREDENTIALS("client_credentials", options -> new Grant.ClientCredentials()),
    /** {@link Grant.Password}. */
    PASSWORD("password", options -> new Grant.Password(
            CredentialResolver.required("username", options.text("username"), "for grantType password"),
            CredentialResolver.required("password", options.text("password"), "for grantType password")));

    private final String wireName;
    private final Function<CredentialOptions, Grant> maker;

    GrantType(String wireName, Function<CredentialOptions, Grant> maker) {
        this.wireName = wireName;
        this.maker = maker;
    }

    /** The value of the {@code grant_type} parameter, and of the {@code grantType} option. */
    public String wireName() {
        return wireName;
    }

    /** The grant the options describe; fails naming the option that is missing. */
    Grant grant(CredentialOptions options) {
        return maker.apply(options);
    }

    /** Reads an option value; the error names the option and the accepted values. */
    public static GrantType fromOption(String value) {
        return OptionValues.parse(GrantType.class, "grantType", value, GrantType::wireName);
    }
}
