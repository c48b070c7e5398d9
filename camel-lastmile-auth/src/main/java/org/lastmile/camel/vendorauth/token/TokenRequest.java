package org.lastmile.camel.vendorauth.token;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.lastmile.camel.vendorauth.profile.BodyFormat;
import org.lastmile.camel.vendorauth.profile.ClientAuthentication;
import org.lastmile.camel.vendorauth.profile.GrantType;
import org.lastmile.camel.vendorauth.profile.VendorProfile;

/**
 * Everything needed to ask one vendor for a token for one credential: a profile resolved against an endpoint's options.
 * Holds secrets, so {@link #toString()} names only what is safe.
 *
 * @param profile              the profile's name, for messages
 * @param tokenUrl             where the primary grant is sent
 * @param refreshUrl           where refresh requests are sent
 * @param grantType            the primary grant
 * @param clientAuthentication client authentication on the primary grant
 * @param bodyFormat           encoding of the primary request
 * @param clientId             the client id, or {@code null}
 * @param clientSecret         the client secret, or {@code null}
 * @param username             the user (password grant), or {@code null}
 * @param password             the user's password (password grant), or {@code null}
 * @param parameters           further parameters of the primary request, in order
 * @param expiry               how lifetimes are read and bounded
 * @param refresh              how refresh tokens are used
 */
public record TokenRequest(
        String profile,
        URI tokenUrl,
        URI refreshUrl,
        GrantType grantType,
        ClientAuthentication clientAuthentication,
        BodyFormat bodyFormat,
        String clientId,
        String clientSecret,
        String username,
        String password,
        Map<String, String> parameters,
        VendorProfile.ExpiryRules expiry,
        VendorProfile.RefreshRules refresh) {

    public TokenRequest {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(refreshUrl, "refreshUrl");
        Objects.requireNonNull(grantType, "grantType");
        Objects.requireNonNull(clientAuthentication, "clientAuthentication");
        Objects.requireNonNull(bodyFormat, "bodyFormat");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(refresh, "refresh");
    }

    /** Client authentication on refresh requests. */
    public ClientAuthentication refreshClientAuthentication() {
        return refresh.clientAuthentication() != null ? refresh.clientAuthentication() : clientAuthentication;
    }

    /** Body encoding of refresh requests. */
    public BodyFormat refreshBodyFormat() {
        return refresh.bodyFormat() != null ? refresh.bodyFormat() : bodyFormat;
    }

    /** The secret strings of this credential (never {@code null} entries), for scrubbing text that might echo them. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(2);
        if (clientSecret != null && !clientSecret.isEmpty()) {
            secrets.add(clientSecret);
        }
        if (password != null && !password.isEmpty()) {
            secrets.add(password);
        }
        return secrets;
    }

    @Override
    public String toString() {
        return "TokenRequest[profile=" + profile + ", tokenUrl=" + tokenUrl + ", grantType=" + grantType.wireName()
                + ", clientAuthentication=" + clientAuthentication.optionValue() + ", bodyFormat=" + bodyFormat.optionValue()
                + ", parameters=" + parameters.keySet() + "]";
    }
}
