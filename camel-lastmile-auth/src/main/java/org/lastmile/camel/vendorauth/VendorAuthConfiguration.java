package org.lastmile.camel.vendorauth;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.lastmile.camel.vendorauth.spi.CredentialProvider;

/**
 * The options that describe one credential and how to ask for its token. Set on the component, they are defaults for
 * every endpoint; set on an endpoint, they win. Options left unset take the profile's value.
 *
 * <p>
 * Over three hundred lines only because each option is an annotated field with a getter and a setter, as Camel's
 * generated configurers and catalog need; it holds no logic beyond copying itself.
 */
@UriParams
public class VendorAuthConfiguration implements Cloneable {

    @UriParam(label = "security", description = "The OAuth2 client id.")
    private String clientId;
    @UriParam(label = "security", secret = true, description = "The OAuth2 client secret.")
    private String clientSecret;
    @UriParam(label = "security", description = "The user name, for the password grant.")
    private String username;
    @UriParam(label = "security", secret = true, description = "The user's password, for the password grant.")
    private String password;
    @UriParam(label = "security", secret = true, description = "Key material for a credential without a secret of"
            + " its own (clientAuthentication none, no password, no private key): its token in the cluster's maps is sealed with a key"
            + " derived from it, so give every member that shares the token the same value (from a vault, say). Without"
            + " it such a credential's token is kept per JVM, with a warning at start-up.")
    private String sealingKey;
    @UriParam(label = "security", description = "Comma-separated names of token request parameters (from param options or"
            + " the profile) whose values are secret, such as an API key: they are masked in messages, serve as key"
            + " material, and never enter the credential's id in the cluster's maps.")
    private String secretParameters;
    @UriParam(enums = "client_credentials,password,token_exchange,jwt_bearer", description = "The grant used to obtain a"
            + " token. Default: the profile's (client_credentials for oauth2), or password when a username is set. The password grant is"
            + " deprecated by RFC 9700 but some vendors require it. token_exchange (RFC 8693) and jwt_bearer (RFC 7523"
            + " 2.1) act on behalf of the caller: the subject token is the header CamelVendorAuthSubjectToken, else the"
            + " Bearer token of the incoming Authorization header; their URNs are accepted too.")
    private String grantType;
    @UriParam(description = "The token endpoint URL. Required for the oauth2 profile and for vendors that hand out the"
            + " URL per customer; otherwise the profile's URL for the environment.")
    private String tokenUrl;
    @UriParam(description = "Where refresh-token requests go. Default: the profile's, else the token URL.")
    private String refreshUrl;
    @UriParam(enums = "basic,basic-raw,body,none,private_key_jwt,client_secret_jwt,tls_client_auth,client_secret_basic,"
            + "client_secret_post", description = "How the client authenticates: basic (RFC 6749 section 2.3.1,"
            + " form-encoded id and secret in HTTP Basic; alias client_secret_basic), basic-raw (HTTP Basic of the raw"
            + " id:secret), body (client_id and client_secret in the body; alias client_secret_post), none,"
            + " private_key_jwt (RFC 7523: a JWT signed with clientAssertionKey), client_secret_jwt (a JWT signed with the"
            + " client secret, HS256), tls_client_auth (RFC 8705: the client certificate of sslContextParameters, no"
            + " secret). Default: the profile's (basic for oauth2).")
    private String clientAuthentication;
    @UriParam(label = "security", secret = true, description = "The private key that signs client assertions"
            + " (private_key_jwt): PEM PKCS#8 (BEGIN PRIVATE KEY) or a JWK, RSA or EC, given as a resource URI (file:,"
            + " classpath:) or as the text itself.")
    private String clientAssertionKey;
    @UriParam(label = "security", defaultValue = "false", description = "Sender-constrained tokens (DPoP, RFC 9449): token"
            + " requests carry a proof of a key, the vendor binds the token to it, and each API call gets Authorization:"
            + " DPoP and a fresh DPoP proof header. One key per credential for the whole cluster, shared sealed with the"
            + " token.")
    private boolean dpop;
    @UriParam(label = "security", secret = true, description = "The DPoP proof key: an EC P-256 private key as PEM PKCS#8"
            + " (BEGIN PRIVATE KEY) or a JWK, given as a resource URI (file:, classpath:) or as the text itself. Default:"
            + " a key made per credential, once for the cluster.")
    private String dpopKey;
    @UriParam(label = "security", defaultValue = "false", description = "With dpop: accept a token endpoint that answers"
            + " token_type Bearer (it did not bind the token to the key) and send that token as Bearer. By default such an"
            + " answer fails the first token.")
    private boolean dpopAllowBearer;
    @UriParam(label = "security", description = "The kid header of client assertions. Default: the JWK's kid, else none.")
    private String clientAssertionKeyId;
    @UriParam(label = "security", enums = "RS256,PS256,ES256,HS256", description = "The JWS algorithm of client"
            + " assertions. Default: RS256 for an RSA key, ES256 for an EC key (P-256), HS256 for client_secret_jwt.")
    private String clientAssertionAlgorithm;
    @UriParam(label = "security", description = "The aud claim of client assertions. Default: the token URL.")
    private String clientAssertionAudience;
    @UriParam(label = "security", defaultValue = "60000", javaType = "java.time.Duration", description = "How long a client"
            + " assertion is valid, from iat to exp. A fresh assertion is signed for every request.")
    private long clientAssertionLifetime = 60000;
    @UriParam(label = "security", description = "TLS for the token endpoint only: trust material (such as a private CA)"
            + " and, for mutual TLS, key managers with the client certificate. Default: the CamelContext's global"
            + " SSLContextParameters when the component's useGlobalSslContextParameters is set, else the JVM's defaults"
            + " (javax.net.ssl.trustStore, javax.net.ssl.keyStore). Host names are always verified.")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "proxy", description = "The HTTP proxy for token requests (CONNECT for https token URLs). Default:"
            + " the JVM's https.proxyHost or http.proxyHost, with http.nonProxyHosts.")
    private String proxyHost;
    @UriParam(label = "proxy", description = "The proxy's port; required with proxyHost.")
    private Integer proxyPort;
    @UriParam(label = "proxy,security", description = "The user for the proxy's Basic authentication; needs proxyHost.")
    private String proxyAuthUsername;
    @UriParam(label = "proxy,security", secret = true, description = "The password for the proxy's Basic"
            + " authentication.")
    private String proxyAuthPassword;
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
    @UriParam(defaultValue = "urn:ietf:params:oauth:token-type:access_token", description = "For grantType"
            + " token_exchange: the subject_token_type of the caller's token (RFC 8693 3), such as"
            + " urn:ietf:params:oauth:token-type:jwt or ...:id_token.")
    private String subjectTokenType;
    @UriParam(description = "For grantType token_exchange: the requested_token_type (RFC 8693 3). Default: none sent,"
            + " the server's choice.")
    private String requestedTokenType;
    @UriParam(enums = "seconds,milliseconds", description = "The unit the vendor writes expires_in in. Default: the"
            + " profile's (seconds for oauth2). A JWT exp claim, when present, wins over expires_in.")
    private String expiresInUnit;
    @UriParam(description = "The vendor environment (such as production or staging) whose URLs and parameters are used."
            + " Default: the profile's first environment.")
    private String environment;
    @UriParam(label = "security", description = "The credentials this endpoint serves beside its own, by name: an"
            + " exchange names one in the header CamelVendorAuthCredential, and the provider answers with its options by"
            + " URI name, laid over the endpoint's. Without it, credentials named in properties"
            + " (camel.vendorauth.credentials.<name>.<option>) are served. With one, the endpoint's own options need not"
            + " make a whole credential: exchanges without the header then fail naming what is missing.")
    private CredentialProvider credentialProvider;
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

    public String getSealingKey() {
        return sealingKey;
    }

    /** Key material for a credential without a secret of its own. */
    public void setSealingKey(String sealingKey) {
        this.sealingKey = sealingKey;
    }

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

    public String getClientAssertionKey() {
        return clientAssertionKey;
    }

    public void setClientAssertionKey(String clientAssertionKey) {
        this.clientAssertionKey = clientAssertionKey;
    }

    public boolean isDpop() {
        return dpop;
    }

    public void setDpop(boolean dpop) {
        this.dpop = dpop;
    }

    public String getDpopKey() {
        return dpopKey;
    }

    public void setDpopKey(String dpopKey) {
        this.dpopKey = dpopKey;
    }

    public boolean isDpopAllowBearer() {
        return dpopAllowBearer;
    }

    public void setDpopAllowBearer(boolean dpopAllowBearer) {
        this.dpopAllowBearer = dpopAllowBearer;
    }

    public String getClientAssertionKeyId() {
        return clientAssertionKeyId;
    }

    public void setClientAssertionKeyId(String clientAssertionKeyId) {
        this.clientAssertionKeyId = clientAssertionKeyId;
    }

    public String getClientAssertionAlgorithm() {
        return clientAssertionAlgorithm;
    }

    public void setClientAssertionAlgorithm(String clientAssertionAlgorithm) {
        this.clientAssertionAlgorithm = clientAssertionAlgorithm;
    }

    public String getClientAssertionAudience() {
        return clientAssertionAudience;
    }

    public void setClientAssertionAudience(String clientAssertionAudience) {
        this.clientAssertionAudience = clientAssertionAudience;
    }

    public long getClientAssertionLifetime() {
        return clientAssertionLifetime;
    }

    public void setClientAssertionLifetime(long clientAssertionLifetime) {
        this.clientAssertionLifetime = clientAssertionLifetime;
    }

    public CredentialProvider getCredentialProvider() {
        return credentialProvider;
    }

    /** The credentials this endpoint serves beside its own, by name. */
    public void setCredentialProvider(CredentialProvider credentialProvider) {
        this.credentialProvider = credentialProvider;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyAuthUsername() {
        return proxyAuthUsername;
    }

    public void setProxyAuthUsername(String proxyAuthUsername) {
        this.proxyAuthUsername = proxyAuthUsername;
    }

    public String getProxyAuthPassword() {
        return proxyAuthPassword;
    }

    public void setProxyAuthPassword(String proxyAuthPassword) {
        this.proxyAuthPassword = proxyAuthPassword;
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

    public String getSubjectTokenType() {
        return subjectTokenType;
    }

    public void setSubjectTokenType(String subjectTokenType) {
        this.subjectTokenType = subjectTokenType;
    }

    public String getRequestedTokenType() {
        return requestedTokenType;
    }

    public void setRequestedTokenType(String requestedTokenType) {
        this.requestedTokenType = requestedTokenType;
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
               + ", grantType=" + grantType + ", environment=" + environment + ", proxyHost=" + proxyHost + "]";
    }
}
