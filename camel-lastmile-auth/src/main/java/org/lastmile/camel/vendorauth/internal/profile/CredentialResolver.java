package org.lastmile.camel.vendorauth.internal.profile;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

    private CredentialResolver() {
    }

    /**
     * Resolves the options against the profile: an option that is set wins over the environment's value, which wins over
     * the profile's.
     *
     * @param transport how the token endpoint is reached: TLS context, client certificates, proxy
     * @param resources reads the resource {@code clientAssertionKey} names
     * @throws IllegalArgumentException naming the option, when the result could not work
     */
    public static Credential resolve(VendorProfile profile, CredentialOptions options, TokenTransport transport,
                                     ResourceReader resources) {
        String environmentName = options.getEnvironment() != null ? options.getEnvironment() : profile.defaultEnvironment();
        VendorProfile.Environment environment = null;
        if (environmentName != null) {
            environment = profile.environments().get(environmentName);
            if (environment == null) {
                throw new IllegalArgumentException("Option environment: profile '" + profile.name() + "' has no environment '"
                        + environmentName + "'; known: " + String.join(", ", profile.environments().keySet()));
            }
        }

        String tokenUrl = first(options.getTokenUrl(), environment == null ? null : environment.tokenUrl());
        if (tokenUrl == null) {
            throw new IllegalArgumentException("Option tokenUrl is required: profile '" + profile.name()
                    + "' has no token URL" + (environmentName == null ? "" : " for environment '" + environmentName + "'")
                    + (profile.tokenUrlHint() == null ? "" : " (" + profile.tokenUrlHint() + ")"));
        }
        URI token = url("tokenUrl", tokenUrl);
        URI refresh = url("refreshUrl", first(options.getRefreshUrl(),
                environment == null ? null : environment.refreshUrl(), tokenUrl));

        // a user name has no use but the password grant: setting one chooses it, unless grantType says otherwise
        GrantType grant = options.getGrantType() != null ? GrantType.fromOption(options.getGrantType())
                : options.getUsername() != null && !options.getUsername().isBlank() ? GrantType.PASSWORD
                : profile.grantType();
        ClientAuthentication auth = options.getClientAuthentication() != null
                ? ClientAuthentication.fromOption(options.getClientAuthentication()) : profile.clientAuthentication();
        BodyFormat format = options.getBodyFormat() != null ? BodyFormat.fromOption(options.getBodyFormat())
                : profile.bodyFormat();
        VendorProfile.ExpiryRules expiry = options.getExpiresInUnit() != null
                ? profile.expiry().withUnit(ExpiresInUnit.fromOption(options.getExpiresInUnit())) : profile.expiry();

        ClientAuthentication refreshAuth = profile.refresh().clientAuthentication() != null
                ? profile.refresh().clientAuthentication() : auth;
        Set<ClientAuthentication> auths = EnumSet.of(auth, refreshAuth);
        for (ClientAuthentication used : auths) {
            if (used != ClientAuthentication.NONE) {
                required("clientId", options.getClientId(), "for clientAuthentication " + used.optionValue());
            }
            if (used == ClientAuthentication.BASIC || used == ClientAuthentication.BASIC_RAW
                || used == ClientAuthentication.CLIENT_SECRET_JWT) {
                required("clientSecret", options.getClientSecret(), "for clientAuthentication " + used.optionValue());
            }
            if (used == ClientAuthentication.TLS_CLIENT_AUTH && transport.clientCertificates().isEmpty()) {
                throw new IllegalArgumentException("Option sslContextParameters needs key managers with a client"
                        + " certificate for clientAuthentication tls_client_auth");
            }
        }
        ClientAuthentication signing = auth.signsAssertion() ? auth : refreshAuth.signsAssertion() ? refreshAuth : null;
        ClientAssertion assertion = signing == null ? null
                : ClientAssertionResolver.resolve(signing, options, token, resources);

        if (grant == GrantType.PASSWORD) {
            required("username", options.getUsername(), "for grantType password");
            required("password", options.getPassword(), "for grantType password");
        }

        Map<String, String> parameters = new LinkedHashMap<>(profile.parameters());
        if (environment != null) {
            parameters.putAll(environment.parameters());
        }
        putIfSet(parameters, "audience", options.getAudience());
        putIfSet(parameters, "scope", options.getScope());
        putIfSet(parameters, "resource", options.getResource());
        putIfSet(parameters, "tenantType", options.getTenantType());
        putIfSet(parameters, "tenantId", options.getTenantId());
        if (options.getAdditionalParameters() != null) {
            options.getAdditionalParameters().forEach((name, value) -> putIfSet(parameters, name, String.valueOf(value)));
        }

        profile.requiredParameters().forEach((name, what) -> {
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException("Option " + name + " is required by profile '" + profile.name() + "': "
                        + what);
            }
        });

        Set<String> secretParameters = new LinkedHashSet<>(profile.secretParameters());
        if (options.getSecretParameters() != null) {
            for (String name : options.getSecretParameters().split(",")) {
                if (!name.isBlank()) {
                    secretParameters.add(name.trim());
                }
            }
        }
        Credential credential = new Credential(profile.name(), token, refresh, grant, auth, format, options.getClientId(),
                options.getClientSecret(), grant == GrantType.PASSWORD ? options.getUsername() : null,
                grant == GrantType.PASSWORD ? options.getPassword() : null, parameters, expiry, profile.refresh(),
                environment == null ? null : environment.apiUrl(), assertion, transport, blankToNull(options.getSealingKey()), secretParameters,
                DpopPolicy.resolve(options.isDpop(), options.getDpopKey(), options.isDpopAllowBearer(), resources));
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

    static void required(String option, String value, String why) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Option " + option + " is required " + why);
        }
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
