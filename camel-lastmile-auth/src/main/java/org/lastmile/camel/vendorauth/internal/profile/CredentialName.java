package org.lastmile.camel.vendorauth.internal.profile;

import org.lastmile.camel.vendorauth.spi.TokenKey;

/**
 * How people read a credential in logs, health checks, JMX and metric tags: the profile, the token endpoint's host and the
 * client id (public by RFC 6749 section 2.2), with the first 12 digits of the key's id to tell apart credentials that
 * share all three. Never a secret, a user name or a parameter.
 *
 * @param profile  the profile's name
 * @param host     the token endpoint's host
 * @param clientId the client id, or {@code null} when the credential has none
 * @param shortId  the first 12 hex digits of the credential's key id
 * @param label    the name an exchange chose the credential by, or {@code null} for an endpoint's own
 */
public record CredentialName(String profile, String host, String clientId, String shortId, String label) {

    /** The name of a credential whose key is {@code key}. */
    public static CredentialName of(Credential credential, TokenKey key) {
        String host = credential.tokenUrl().getHost();
        return new CredentialName(credential.profile(), host == null ? credential.tokenUrl().toString() : host,
                credential.clientId(), key.id().substring(0, 12), credential.label());
    }

    /** {@code client@host/shortId} (or {@code host/shortId}): the credential within its profile, as a metric tag. */
    public String withinProfile() {
        return (clientId == null || clientId.isEmpty() ? "" : clientId + "@") + host + "/" + shortId;
    }

    /** {@code profile client@host/shortId}, and {@code (credential <label>)} when an exchange chose it by name. */
    @Override
    public String toString() {
        return profile + " " + withinProfile() + (label == null ? "" : " (credential " + label + ")");
    }
}
