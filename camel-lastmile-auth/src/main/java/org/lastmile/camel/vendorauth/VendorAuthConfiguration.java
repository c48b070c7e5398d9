package org.lastmile.camel.vendorauth;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.lastmile.camel.vendorauth.internal.profile.CredentialOptions;

/**
 * The options that describe one credential and how to ask for its token. Set on the component, they are defaults for
 * every endpoint; set on an endpoint, they win. Options left unset take the profile's value.
 */
@UriParams
public class VendorAuthConfiguration implements CredentialOptions, Cloneable {

    @UriParam(label = "security", description = "The OAuth2 client id.")
    private String clientId;
    @UriParam(label = "security", secret = true, description = "The OAuth2 client secret.")
    private String clientSecret;
    @UriParam(label = "security", description = "The user name, for the password grant.")
    private String username;
    @UriParam(label = "security", secret = true, description = "The user's password, for the password grant.")
    private String password;
    @UriParam(label = "security", secret = true, description = "Key material for a credential without a secret of"
            + " its own (clientAuthentication none and no password): its token in the cluster's maps is sealed with a key"
            + " derived from it, so give every member that shares the token the same value (from a vault, say). Without"
            + " it such a credential's token is kept per JVM, with a warning at start-up.")
    private String sealingKey;
    @UriParam(label = "security", description = "Comma-separated names of token request parameters (param.<name> or"
            + " the profile's) whose values are secret, such as an API key: they are masked in messages, serve as key"
            + " material, and never enter the credential's id in the cluster's maps.")
    private String secretParameters;
    @UriParam(enums = "client_credentials,password", description = "The grant used to obtain a token. Default: the"
            + " profile's (client_credentials for oauth2), or password when a username is set. The password grant is"
            + " deprecated by RFC 9700 but some vendors require it.")
    private String grantType;
    @UriParam(description = "The token endpoint URL. Required for the oauth2 profile and for vendors that hand out the"
            + " URL per customer; otherwise the profile's URL for the environment.")
    private String tokenUrl;
    @UriParam(description = "Where refresh-token requests go. Default: the profile's, else the token URL.")
    private String refreshUrl;
    @UriParam(enums = "basic,basic-raw,body,none", description = "How the client authenticates: basic (RFC 6749"
            + " section 2.3.1, form-encoded id and secret in HTTP Basic), basic-raw (HTTP Basic of the raw id:secret),"
            + " body (client_id and client_secret in the body), none. Default: the profile's (basic for oauth2).")
    private String clientAuthentication;
    @UriParam(enums = "form,json", description = "How the token request is encoded: form"
            + " (application/x-www-form-urlencoded) or json. Default: the profile's (form for oauth2).")
    private String bodyFormat;
    @UriParam(description = "The audience parameter of the token request.")
    private String audience;
    @UriParam(description = "The scope parameter of the token request (space-separated scopes).")
    private String scope;
    @UriParam(description = "The resource parameter of the token request (RFC 8707).")
    private String resource;
    @UriParam(description = "The tenantId parameter of the token request: Shopgate's merchant code.")
    private String tenantId;
    @UriParam(description = "The tenantType parameter of the token request. Default: the profile's (merchant for"
            + " shopgate).")
    private String tenantType;
    @UriParam(enums = "seconds,milliseconds", description = "The unit the vendor writes expires_in in. Default: the"
            + " profile's (seconds for oauth2). A JWT exp claim, when present, wins over expires_in.")
    private String expiresInUnit;
    @UriParam(description = "The vendor environment (such as production or staging) whose URLs and parameters are used."
            + " Default: the profile's first environment.")
    private String environment;
    @UriParam(prefix = "param.", multiValue = true, description = "Further parameters of the token request, each as"
            + " param.name=value; they add to or replace the profile's parameters.")
    private Map<String, Object> additionalParameters;

    /** A deep copy, so that an endpoint can change its copy of the component's defaults. */
    public VendorAuthConfiguration copy() {
        try {
            VendorAuthConfiguration copy = (VendorAuthConfiguration) clone();
            if (additionalParameters != null) {
                copy.additionalParameters = new LinkedHashMap<>(additionalParameters);
            }
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String getSealingKey() {
        return sealingKey;
    }

    /** Key material for a credential without a secret of its own. */
    public void setSealingKey(String sealingKey) {
        this.sealingKey = sealingKey;
    }

    @Override
    public String getSecretParameters() {
        return secretParameters;
    }

    /** Comma-separated names of token request parameters whose values are secret. */
    public void setSecretParameters(String secretParameters) {
        this.secretParameters = secretParameters;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getGrantType() {
        return grantType;
    }

    public void setGrantType(String grantType) {
        this.grantType = grantType;
    }

    public String getTokenUrl() {
        return tokenUrl;
    }

    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public String getRefreshUrl() {
        return refreshUrl;
    }

    public void setRefreshUrl(String refreshUrl) {
        this.refreshUrl = refreshUrl;
    }

    public String getClientAuthentication() {
        return clientAuthentication;
    }

    public void setClientAuthentication(String clientAuthentication) {
        this.clientAuthentication = clientAuthentication;
    }

    public String getBodyFormat() {
        return bodyFormat;
    }

    public void setBodyFormat(String bodyFormat) {
        this.bodyFormat = bodyFormat;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public String getTenantType() {
        return tenantType;
    }

    public void setTenantType(String tenantType) {
        this.tenantType = tenantType;
    }

    public String getExpiresInUnit() {
        return expiresInUnit;
    }

    public void setExpiresInUnit(String expiresInUnit) {
        this.expiresInUnit = expiresInUnit;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public Map<String, Object> getAdditionalParameters() {
        return additionalParameters;
    }

    public void setAdditionalParameters(Map<String, Object> additionalParameters) {
        this.additionalParameters = additionalParameters;
    }

    @Override
    public String toString() {
        return "VendorAuthConfiguration[clientId=" + clientId + ", username=" + username + ", tokenUrl=" + tokenUrl
               + ", grantType=" + grantType + ", environment=" + environment + "]";
    }
}
