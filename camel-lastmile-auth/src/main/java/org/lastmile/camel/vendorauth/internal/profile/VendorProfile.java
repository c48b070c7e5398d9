package org.lastmile.camel.vendorauth.internal.profile;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How one vendor wants to be asked for a token: plain data, read from a profile file (see {@link ProfileReader}). The
 * built-in profiles are such files too, so adding a vendor needs no Java.
 *
 * @param name                 the name used in {@code vendorauth:<name>}
 * @param description          one line for people
 * @param environments         named environments, each with its own URLs and parameters; may be empty
 * @param defaultEnvironment   the environment used when the endpoint names none; {@code null} when there are none
 * @param grantType            the primary grant
 * @param clientAuthentication how the client authenticates on the primary grant
 * @param bodyFormat           how the primary request's parameters are encoded
 * @param parameters           extra parameters of the primary request (such as a fixed {@code audience})
 * @param requiredParameters   parameters the request must carry, each with what it is (for the start-up error)
 * @param tokenUrlHint         why the profile has no token URL, for the start-up error; {@code null} when it has one
 * @param expiry               how a lifetime is read and bounded
 * @param refresh              whether and how a refresh token is used
 * @param secretParameters     names of parameters whose values are secret (an API key): masked, key material, never in
 *                             a credential's id
 */
public record VendorProfile(
        String name,
        String description,
        Map<String, Environment> environments,
        String defaultEnvironment,
        GrantType grantType,
        ClientAuthentication clientAuthentication,
        BodyFormat bodyFormat,
        Map<String, String> parameters,
        Map<String, String> requiredParameters,
        String tokenUrlHint,
        ExpiryRules expiry,
        RefreshRules refresh,
        Set<String> secretParameters) {

    public VendorProfile {
        Objects.requireNonNull(name, "name");
        environments = ordered(environments);
        parameters = ordered(parameters);
        requiredParameters = ordered(requiredParameters);
        Objects.requireNonNull(grantType, "grantType");
        Objects.requireNonNull(clientAuthentication, "clientAuthentication");
        Objects.requireNonNull(bodyFormat, "bodyFormat");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(refresh, "refresh");
        secretParameters = Set.copyOf(secretParameters);
    }

    /**
     * One deployment of the vendor.
     *
     * @param tokenUrl   where tokens are asked for; {@code null} when the vendor hands it out per customer
     * @param refreshUrl where refresh requests go; {@code null} means the token URL
     * @param apiUrl     the base URL of the vendor's API, offered to routes as a header; may be {@code null}
     * @param parameters parameters this environment adds to or changes in the primary request
     */
    public record Environment(String tokenUrl, String refreshUrl, String apiUrl, Map<String, String> parameters) {
        public Environment {
            parameters = ordered(parameters);
        }
    }

    /** An unmodifiable copy that keeps the file's order, so requests carry parameters in the order a profile lists them. */
    static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * How the lifetime of a token is read and kept within sense.
     *
     * @param expiresInUnit        the unit of {@code expires_in}
     * @param defaultLifetime      assumed when the answer has neither {@code expires_in} nor a JWT {@code exp}
     * @param minLifetime          a shorter (or negative) lifetime is raised to this, with a warning
     * @param maxLifetime          a longer lifetime is cut to this, with a warning
     * @param refreshTokenLifetime how long a refresh token lives when the answer does not say; {@code null}: the
     *                             parser's default of 7 days
     */
    public record ExpiryRules(
            ExpiresInUnit expiresInUnit,
            Duration defaultLifetime,
            Duration minLifetime,
            Duration maxLifetime,
            Duration refreshTokenLifetime) {
        public ExpiryRules {
            Objects.requireNonNull(expiresInUnit, "expiresInUnit");
            Objects.requireNonNull(defaultLifetime, "defaultLifetime");
            Objects.requireNonNull(minLifetime, "minLifetime");
            Objects.requireNonNull(maxLifetime, "maxLifetime");
        }

        /** The same rules with another unit. */
        public ExpiryRules withUnit(ExpiresInUnit unit) {
            return new ExpiryRules(unit, defaultLifetime, minLifetime, maxLifetime, refreshTokenLifetime);
        }
    }

    /**
     * How a refresh token is used.
     *
     * @param enabled              whether a refresh token the vendor hands out is used at all
     * @param clientAuthentication client authentication on refresh; {@code null}: as on the primary grant
     * @param bodyFormat           body encoding on refresh; {@code null}: as on the primary grant
     * @param carriedParameters    names of primary-request parameters repeated in the refresh request
     */
    public record RefreshRules(
            boolean enabled,
            ClientAuthentication clientAuthentication,
            BodyFormat bodyFormat,
            List<String> carriedParameters) {
        public RefreshRules {
            carriedParameters = List.copyOf(carriedParameters);
        }
    }
}
