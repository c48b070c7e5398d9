package org.lastmile.camel.vendorauth.internal.profile;

import java.util.Map;

/**
 * The options a {@link CredentialResolver} reads, as the user set them ({@code null} when not set). The Camel face's
 * configuration implements it, so that the resolver depends on nothing above its layer.
 */
public interface CredentialOptions {

    String getEnvironment();

    String getTokenUrl();

    String getRefreshUrl();

    String getGrantType();

    String getClientAuthentication();

    String getBodyFormat();

    String getExpiresInUnit();

    String getClientId();

    String getClientSecret();

    String getUsername();

    String getPassword();

    String getAudience();

    String getScope();

    String getResource();

    String getTenantId();

    String getTenantType();

    /** Key material for a credential without a secret of its own; the same on every member that shares its token. */
    String getSealingKey();

    /** Comma-separated names of request parameters whose values are secret. */
    String getSecretParameters();

    /** The signing key of {@code private_key_jwt}: PEM or JWK text, or a resource URI. */
    String getClientAssertionKey();

    String getClientAssertionKeyId();

    String getClientAssertionAlgorithm();

    String getClientAssertionAudience();

    /** Milliseconds from {@code iat} to {@code exp} of a client assertion. */
    long getClientAssertionLifetime();

    /** Whether tokens are bound to a DPoP key (RFC 9449). */
    boolean isDpop();

    /** The DPoP key: PEM or JWK text, or a resource URI; {@code null} to have one made per credential. */
    String getDpopKey();

    /** Whether a bearer token is accepted from a server that does not bind tokens to the DPoP key. */
    boolean isDpopAllowBearer();

    /** Further parameters of the token request ({@code param.<name>}). */
    Map<String, Object> getAdditionalParameters();
}
