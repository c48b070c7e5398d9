package org.lastmile.camel.vendorauth.internal.profile;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a profile against an endpoint's options into one {@link Credential}: an option that is set wins over the
 * environment's value, which wins over the profile's. This is where a misconfigured endpoint is caught, with a message that
 * names the option.
 */
public final class CredentialResolver {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialResolver.class);

    /** Options that are request parameters of the same name. */
    private static final List<String> PARAMETER_OPTIONS = List.of("audience", "scope", "resource", "tenantType",
            "tenantId");

    private CredentialResolver() {
    }

    /**
     * Resolves the options against the profile: an option that is set wins over the environment's value, which wins over
     * the profile's.
     *
     * @param transport how the token endpoint is reached: TLS context, client certificates, proxy
     * @param resources reads the resources {@code clientAssertionKey} and {@code dpopKey} name
     * @throws IllegalArgumentException naming the option, when the result could not work
     */
    public static Credential resolve(VendorProfile profile, CredentialOptions options, TokenTransport transport,
                                     ResourceReader resources) {
        String environmentName = options.text("environment") != null ? options.text("environment") : profile.defaultEnvironment();
        VendorProfile.Environment environment = null;
        if (environmentName != null) {
            environment = profile.environments().get(environmentName);
            if (environment == null) {
                throw new IllegalArgumentException("Option environment: profile '" + profile.name() + "' has no environment '"
                        + environmentName + "'; known: " + String.join(", ", profile.environments().keySet()));
            }
        }

        String tokenUrl = first(options.text("tokenUrl"), environment == null ? null : environment.tokenUrl());
        if (tokenUrl == null) {
            throw new IllegalArgumentException("Option tokenUrl is required: profile '" + profile.name()
                    + "' has no token URL" + (environmentName == null ? "" : " for environment '" + environmentName + "'")
                    + (profile.tokenUrlHint() == null ? "" : " (" + profile.tokenUrlHint() + ")"));
        }
        URI token = url("tokenUrl", tokenUrl);
        URI refresh = url("refreshUrl", first(options.text("refreshUrl"),
                environment == null ? null : environment.refreshUrl(), tokenUrl));

        // a user name has no use but the password grant: setting one chooses it, unless grantType says otherwise
        String username = options.text("username");
        GrantType grantType = options.text("grantType") != null ? GrantType.fromOption(options.text("grantType"))
                : username != null && !username.isBlank() ? GrantType.PASSWORD
                : profile.grantType();
        ClientAuthentication auth = options.text("clientAuthentication") != null
                ? ClientAuthentication.fromOption(options.text("clientAuthentication")) : profile.clientAuthentication();
        BodyFormat format = options.text("bodyFormat") != null ? BodyFormat.fromOption(options.text("bodyFormat"))
                : profile.bodyFormat();
        VendorProfile.ExpiryRules expiry = options.text("expiresInUnit") != null
                ? profile.expiry().withUnit(ExpiresInUnit.fromOption(options.text("expiresInUnit"))) : profile.expiry();

        ClientAuthentication refreshAuth = profile.refresh().clientAuthentication() != null
                ? profile.refresh().clientAuthentication() : auth;
        Set<ClientAuthentication> auths = EnumSet.of(auth, refreshAuth);
        for (ClientAuthentication used : auths) {
            String why = "for clientAuthentication " + used.optionValue();
            if (used.needsClientId()) {
                required("clientId", options.text("clientId"), why);
            }
            if (used.needsClientSecret()) {
                required("clientSecret", options.text("clientSecret"), why);
            }
            if (used.needsClientCertificate() && transport.clientCertificates().isEmpty()) {
                throw new IllegalArgumentException("Option sslContextParameters needs key managers with a client"
                        + " certificate " + why);
            }
        }
        ClientAuthentication signing = auth.signsAssertion() ? auth : refreshAuth.signsAssertion() ? refreshAuth : null;
        ClientAssertion assertion = signing == null ? null
                : ClientAssertionResolver.resolve(signing, options, token, resources);

        Grant grant = grantType.grant(options);

        Map<String, String> parameters = new LinkedHashMap<>(profile.parameters());
        if (environment != null) {
            parameters.putAll(environment.parameters());
        }
        for (String name : PARAMETER_OPTIONS) {
            putIfSet(parameters, name, options.text(name));
        }
        options.additionalParameters().forEach((name, value) -> putIfSet(parameters, name, value));

        profile.requiredParameters().forEach((name, what) -> {
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException("Option " + name + " is required by profile '" + profile.name() + "': "
                        + what);
            }
        });

        Set<String> secretParameters = new LinkedHashSet<>(profile.secretParameters());
        if (options.text("secretParameters") != null) {
            for (String name : options.text("secretParameters").split(",")) {
                if (!name.isBlank()) {
                    secretParameters.add(name.trim());
                }
            }
        }
        Credential credential = new Credential(profile.name(), new TokenEndpoint(token, refresh, format, transport), grant,
                new Client(options.text("clientId"), options.text("clientSecret"), auth, assertion),
                new RequestParameters(parameters, secretParameters), expiry, profile.refresh(),
                environment == null ? null : environment.apiUrl(), blankToNull(options.text("sealingKey")),
                DpopPolicy.resolve(options.flag("dpop"), options.text("dpopKey"), options.flag("dpopAllowBearer"),
                        resources));
        if (!credential.hasKeyMaterial()) {
            LOG.warn("A credential of profile '{}' has no secret (no client secret, password, private key, sealingKey or secret"
                    + " parameter): a key derived from what it has would be known to anybody who reaches the cluster,"
                    + " so its token is kept by this JVM alone and not shared. Set sealingKey, the same on every member,"
                    + " to share it.", profile.name());
        }
        return credential;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static URI url(String option, String value) {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("Option " + option + " must be an absolute http or https URL");
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException(
                        "Option " + option + " must not carry user information; use clientId and clientSecret");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Option " + option + " is not a valid URL: " + e.getReason(), e);
        }
    }

    /** The value; fails naming the option when it is not set. */
    static String required(String option, String value, String why) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Option " + option + " is required " + why);
        }
        return value;
    }

    private static void putIfSet(Map<String, String> parameters, String name, String value) {
        if (value != null && !value.isBlank()) {
            parameters.put(name, value);
        }
    }

    static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
