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
            CredentialResolver.required("password", options.text("password"), "for grantType password"))),
    /** {@link Grant.TokenExchange}: the subject token comes with each exchange. */
    TOKEN_EXCHANGE("token_exchange", options -> new Grant.TokenExchange(
            options.text("subjectTokenType") != null && !options.text("subjectTokenType").isBlank()
                    ? options.text("subjectTokenType").trim() : Grant.TokenExchange.ACCESS_TOKEN_TYPE,
            options.text("requestedTokenType") == null || options.text("requestedTokenType").isBlank() ? null
                    : options.text("requestedTokenType").trim(), null)),
    /** {@link Grant.JwtBearer}: the assertion comes with each exchange. */
    JWT_BEARER("jwt_bearer", options -> new Grant.JwtBearer(null));

    private final String wireName;
    private final Function<CredentialOptions, Grant> maker;

    GrantType(String wireName, Function<CredentialOptions, Grant> maker) {
        this.wireName = wireName;
        this.maker = maker;
    }

    /** The value of the {@code grantType} option (and of {@code grant_type} for the grants of RFC 6749). */
    public String wireName() {
        return wireName;
    }

    /** The grant the options describe; fails naming the option that is missing. */
    Grant grant(CredentialOptions options) {
        return maker.apply(options);
    }

    /** Reads an option value; the error names the option and the accepted values. */
    public static GrantType fromOption(String value) {
        // the grants of RFC 8693 and RFC 7523 may be named by their URNs too, as their specifications name them
        String trimmed = value == null ? null : value.trim();
        if (Grant.TokenExchange.URN.equals(trimmed)) {
            return TOKEN_EXCHANGE;
        }
        if (Grant.JwtBearer.URN.equals(trimmed)) {
            return JWT_BEARER;
        }
        return OptionValues.parse(GrantType.class, "grantType", value, GrantType::wireName);
    }
}
