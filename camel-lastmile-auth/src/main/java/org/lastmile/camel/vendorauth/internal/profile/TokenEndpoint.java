package org.lastmile.camel.vendorauth.internal.profile;

import java.net.URI;
import java.util.Objects;

/**
 * Where a credential's token requests go and how they travel.
 *
 * @param tokenUrl   where the primary grant is sent
 * @param refreshUrl where refresh requests are sent
 * @param bodyFormat encoding of the primary request
 * @param transport  TLS context, client certificates and proxy
 */
public record TokenEndpoint(URI tokenUrl, URI refreshUrl, BodyFormat bodyFormat, TokenTransport transport) {

    public TokenEndpoint {
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(refreshUrl, "refreshUrl");
        Objects.requireNonNull(bodyFormat, "bodyFormat");
        Objects.requireNonNull(transport, "transport");
        // one URI when both are the same: a parsed URI holds a handful of strings, and each tenant has an endpoint
        if (refreshUrl.equals(tokenUrl)) {
            refreshUrl = tokenUrl;
        }
    }

    /** Primary and refresh requests both to {@code url}, with the JVM's TLS defaults and proxy properties. */
    public static TokenEndpoint of(URI url, BodyFormat bodyFormat) {
        return new TokenEndpoint(url, url, bodyFormat, TokenTransport.JVM_DEFAULTS);
    }
}
