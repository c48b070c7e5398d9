package org.lastmile.camel.vendorauth.springboot;

import java.util.Map;

import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.lastmile.camel.vendorauth.VendorAuthConfiguration;
import org.lastmile.camel.vendorauth.spi.TokenStore;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The options of the vendorauth component as Spring Boot properties, {@code camel.component.vendorauth.*}: one property per
 * option of the component's catalog ({@code vendorauth.json}), described in the catalog's words, so that IDEs complete and
 * explain them (the configuration processor turns these comments into {@code META-INF/spring-configuration-metadata.json}).
 * Written in the shape camel-spring-boot generates for its own starters; a test holds it to the catalog. Its length is
 * that of the catalog: a field, a getter and a setter per option, and no logic.
 */
@ConfigurationProperties(prefix = "camel.component.vendorauth")
public class VendorAuthComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Whether to enable auto configuration of the vendorauth component. This is enabled by default.
     */
    private Boolean enabled;
    /**
     * Further parameters of the token request, each as param.name=value; they add to or replace the profile's parameters.
     * This is a multi-value option with prefix: param.
     */
    private Map<String, Object> additionalParameters;

    /**
     * The audience parameter of the token request.
     */
    private String audience;

    /**
     * How the token request is encoded: form (application/x-www-form-urlencoded) or json. Default: the profile's (form for
     * oauth2).
     */
    private String bodyFormat;

    /**
     * How the client authenticates: basic (RFC 6749 section 2.3.1, form-encoded id and secret in HTTP Basic; alias
     * client_secret_basic), basic-raw (HTTP Basic of the raw id:secret), body (client_id and client_secret in the body;
     * alias client_secret_post), none, private_key_jwt (RFC 7523: a JWT signed with clientAssertionKey), client_secret_jwt
     * (a JWT signed with the client secret, HS256), tls_client_auth (RFC 8705: the client certificate of
     * sslContextParameters, no secret). Default: the profile's (basic for oauth2).
     */
    private String clientAuthentication;

    /**
     * Default credential and request options for every endpoint.
     */
    private VendorAuthConfiguration configuration;

    /**
     * The vendor environment (such as production or staging) whose URLs and parameters are used. Default: the profile's
     * first environment.
     */
    private String environment;

    /**
     * The unit the vendor writes expires_in in. Default: the profile's (seconds for oauth2). A JWT exp claim, when
     * present, wins over expires_in.
     */
    private String expiresInUnit;

    /**
     * The grant used to obtain a token. Default: the profile's (client_credentials for oauth2), or password when a
     * username is set. The password grant is deprecated by RFC 9700 but some vendors require it. token_exchange (RFC
     * 8693) and jwt_bearer (RFC 7523 2.1) act on behalf of the caller: the subject token is the header
     * CamelVendorAuthSubjectToken, else the Bearer token of the incoming Authorization header; their URNs are accepted
     * too.
     */
    private String grantType;

    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause the
     * route to fail being started. By deferring this startup to be lazy then the startup failure can be handled during
     * routing messages via Camel's routing error handlers. Beware that when the first message is processed then creating
     * and starting the producer may take a little time and prolong the total processing time of the processing.
     */
    private Boolean lazyStartProducer = false;

    /**
     * Profile files to load besides the built-in ones, comma-separated Camel resource URIs (classpath:, file:, http:).
     */
    private String profileLocations;

    /**
     * How long before expiry the background refresh of a token may start, capped at a fifth of its lifetime (so a token
     * costs at most 1.25 token calls per lifetime); each copy picks a random moment early in that window. Callers keep the
     * current token meanwhile.
     */
    private Long refreshMargin = 60000L;

    /**
     * Where refresh-token requests go. Default: the profile's, else the token URL.
     */
    private String refreshUrl;

    /**
     * The resource parameter of the token request (RFC 8707).
     */
    private String resource;

    /**
     * The scope parameter of the token request (space-separated scopes).
     */
    private String scope;

    /**
     * The tenantId parameter of the token request: Shopgate's merchant code.
     */
    private String tenantId;

    /**
     * The tenantType parameter of the token request. Default: the profile's (merchant for shopgate).
     */
    private String tenantType;

    /**
     * For grantType token_exchange: the subject_token_type of the caller's token (RFC 8693 3), such as
     * urn:ietf:params:oauth:token-type:jwt or ...:id_token.
     */
    private String subjectTokenType = "urn:ietf:params:oauth:token-type:access_token";

    /**
     * For grantType token_exchange: the requested_token_type (RFC 8693 3). Default: none sent, the server's choice.
     */
    private String requestedTokenType;

    /**
     * The token endpoint URL. Required for the oauth2 profile and for vendors that hand out the URL per customer;
     * otherwise the profile's URL for the environment.
     */
    private String tokenUrl;

    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection factories,
     * AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;

    /**
     * Failed token fetches in a row (cluster-wide) from which exchanges without a usable token fail at once, with the
     * vendor's last words, instead of asking the vendor again; the health check turns DOWN then. Before that, every
     * exchange without a token gets a new attempt (one at a time per credential in the cluster). A vendor's Retry-After is
     * honoured whatever the count.
     */
    private Integer failFastThreshold = 3;

    /**
     * How long the vendor is left alone once failing fast; it doubles (with jitter) on each further failure.
     */
    private Long backoffInitial = 1000L;

    /**
     * Longest wait between failed fetches (a vendor's Retry-After may ask for longer).
     */
    private Long backoffMax = 60000L;

    /**
     * How long a credential's state stays in this JVM without being used; its token stays in the store until it expires,
     * so a credential used again costs a store read, not a token call.
     */
    private Long credentialIdleTimeout = 600000L;

    /**
     * How many credentials in use this component keeps at most (a tenant taken from input must not grow the heap without
     * bound); beyond it, endpoints of new credentials fail to start, with one warning, until idle credentials make room.
     */
    private Integer maxCredentials = 10000;

    /**
     * Bound on opening a connection to a token endpoint.
     */
    private Long connectTimeout = 5000L;

    /**
     * Threads that run token fetches (fetches of one credential never run in parallel; this bounds fetches of different
     * credentials).
     */
    private Integer fetchThreads = 4;

    /**
     * Size of the token client's own connection pool.
     */
    private Integer maxConnections = 8;

    /**
     * Bound on waiting for a token endpoint's answer.
     */
    private Long responseTimeout = 10000L;

    /**
     * Where tokens are kept and shared. Default: a Hazelcast store shared by the cluster (see hazelcastInstance); set an
     * InMemoryTokenStore for one JVM alone.
     */
    private TokenStore tokenStore;

    /**
     * The cluster name of the embedded member.
     */
    private String clusterName = "vendorauth";

    /**
     * A Hazelcast member or client configuration (XML or YAML), as a Camel resource URI (classpath:, file:, http:), used
     * when no hazelcastInstance is given.
     */
    private String hazelcastConfigUri;

    /**
     * The Hazelcast instance (member or client) whose cluster shares the tokens. Default: a single instance in the
     * registry, else one from hazelcastConfigUri, else an embedded member on loopback that the component starts and stops.
     * An instance given here is never shut down by the component.
     */
    private HazelcastInstance hazelcastInstance;

    /**
     * Where the embedded member looks for the others (TCP-IP join): comma-separated addresses, each with or without a
     * port; without one, the whole port range is tried.
     */
    private String hazelcastMembers = "127.0.0.1";

    /**
     * The first port the embedded member tries; it takes the first free one of the next 10.
     */
    private Integer hazelcastPort = 5701;

    /**
     * The longest one Hazelcast call may take; beyond it this JVM fetches tokens on its own for a few seconds instead of
     * failing exchanges.
     */
    private Long storeTimeout = 2000L;

    /**
     * Whether each producer registers a readiness check (DOWN while the token endpoint keeps failing and no valid token is
     * held). Camel runs producer checks only when camel.health.producers-enabled=true.
     */
    private Boolean healthCheckProducerEnabled = true;

    /**
     * The HTTP proxy for token requests (CONNECT for https token URLs). Default: the JVM's https.proxyHost or
     * http.proxyHost, with http.nonProxyHosts.
     */
    private String proxyHost;

    /**
     * The proxy's port; required with proxyHost.
     */
    private Integer proxyPort;

    /**
     * The JWS algorithm of client assertions. Default: RS256 for an RSA key, ES256 for an EC key (P-256), HS256 for
     * client_secret_jwt.
     */
    private String clientAssertionAlgorithm;

    /**
     * The aud claim of client assertions. Default: the token URL.
     */
    private String clientAssertionAudience;

    /**
     * The private key that signs client assertions (private_key_jwt): PEM PKCS#8 (BEGIN PRIVATE KEY) or a JWK, RSA or EC,
     * given as a resource URI (file:, classpath:) or as the text itself.
     */
    private String clientAssertionKey;

    /**
     * The kid header of client assertions. Default: the JWK's kid, else none.
     */
    private String clientAssertionKeyId;

    /**
     * How long a client assertion is valid, from iat to exp. A fresh assertion is signed for every request.
     */
    private Long clientAssertionLifetime = 60000L;

    /**
     * Sender-constrained tokens (DPoP, RFC 9449): token requests carry a proof of a key, the vendor binds the token to it,
     * and each API call gets Authorization: DPoP and a fresh DPoP proof header. One key per credential for the whole
     * cluster, shared sealed with the token.
     */
    private Boolean dpop = false;

    /**
     * With dpop: accept a token endpoint that answers token_type Bearer (it did not bind the token to the key) and send
     * that token as Bearer. By default such an answer fails the first token.
     */
    private Boolean dpopAllowBearer = false;

    /**
     * The DPoP proof key: an EC P-256 private key as PEM PKCS#8 (BEGIN PRIVATE KEY) or a JWK, given as a resource URI
     * (file:, classpath:) or as the text itself. Default: a key made per credential, once for the cluster.
     */
    private String dpopKey;

    /**
     * The OAuth2 client id.
     */
    private String clientId;

    /**
     * The OAuth2 client secret.
     */
    private String clientSecret;

    /**
     * Key material for a credential without a secret of its own (clientAuthentication none, no password, no private key):
     * its token in the cluster's maps is sealed with a key derived from it, so give every member that shares the token the
     * same value (from a vault, say). Without it such a credential's token is kept per JVM, with a warning at start-up.
     */
    private String sealingKey;

    /**
     * Comma-separated names of token request parameters (from param options or the profile) whose values are secret, such
     * as an API key: they are masked in messages, serve as key material, and never enter the credential's id in the
     * cluster's maps.
     */
    private String secretParameters;

    /**
     * The user's password, for the password grant.
     */
    private String password;

    /**
     * The password for the proxy's Basic authentication.
     */
    private String proxyAuthPassword;

    /**
     * The user for the proxy's Basic authentication; needs proxyHost.
     */
    private String proxyAuthUsername;

    /**
     * TLS for the token endpoint only: trust material (such as a private CA) and, for mutual TLS, key managers with the
     * client certificate. Default: the CamelContext's global SSLContextParameters when the component's
     * useGlobalSslContextParameters is set, else the JVM's defaults (javax.net.ssl.trustStore, javax.net.ssl.keyStore).
     * Host names are always verified.
     */
    private SSLContextParameters sslContextParameters;

    /**
     * Use the CamelContext's global SSLContextParameters for token endpoints that set no sslContextParameters of their
     * own.
     */
    private Boolean useGlobalSslContextParameters = false;

    /**
     * The user name, for the password grant.
     */
    private String username;

    public Map<String, Object> getAdditionalParameters() {
        return additionalParameters;
    }

    public void setAdditionalParameters(Map<String, Object> additionalParameters) {
        this.additionalParameters = additionalParameters;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public String getBodyFormat() {
        return bodyFormat;
    }

    public void setBodyFormat(String bodyFormat) {
        this.bodyFormat = bodyFormat;
    }

    public String getClientAuthentication() {
        return clientAuthentication;
    }

    public void setClientAuthentication(String clientAuthentication) {
        this.clientAuthentication = clientAuthentication;
    }

    public VendorAuthConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(VendorAuthConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public String getExpiresInUnit() {
        return expiresInUnit;
    }

    public void setExpiresInUnit(String expiresInUnit) {
        this.expiresInUnit = expiresInUnit;
    }

    public String getGrantType() {
        return grantType;
    }

    public void setGrantType(String grantType) {
        this.grantType = grantType;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public String getProfileLocations() {
        return profileLocations;
    }

    public void setProfileLocations(String profileLocations) {
        this.profileLocations = profileLocations;
    }

    public Long getRefreshMargin() {
        return refreshMargin;
    }

    public void setRefreshMargin(Long refreshMargin) {
        this.refreshMargin = refreshMargin;
    }

    public String getRefreshUrl() {
        return refreshUrl;
    }

    public void setRefreshUrl(String refreshUrl) {
        this.refreshUrl = refreshUrl;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
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

    public String getTokenUrl() {
        return tokenUrl;
    }

    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Long getBackoffInitial() {
        return backoffInitial;
    }

    public void setBackoffInitial(Long backoffInitial) {
        this.backoffInitial = backoffInitial;
    }

    public Long getBackoffMax() {
        return backoffMax;
    }

    public void setBackoffMax(Long backoffMax) {
        this.backoffMax = backoffMax;
    }

    public Integer getFailFastThreshold() {
        return failFastThreshold;
    }

    public void setFailFastThreshold(Integer failFastThreshold) {
        this.failFastThreshold = failFastThreshold;
    }

    public Long getCredentialIdleTimeout() {
        return credentialIdleTimeout;
    }

    public void setCredentialIdleTimeout(Long credentialIdleTimeout) {
        this.credentialIdleTimeout = credentialIdleTimeout;
    }

    public Integer getMaxCredentials() {
        return maxCredentials;
    }

    public void setMaxCredentials(Integer maxCredentials) {
        this.maxCredentials = maxCredentials;
    }

    public Long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Integer getFetchThreads() {
        return fetchThreads;
    }

    public void setFetchThreads(Integer fetchThreads) {
        this.fetchThreads = fetchThreads;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Long getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public TokenStore getTokenStore() {
        return tokenStore;
    }

    public void setTokenStore(TokenStore tokenStore) {
        this.tokenStore = tokenStore;
    }

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public String getHazelcastConfigUri() {
        return hazelcastConfigUri;
    }

    public void setHazelcastConfigUri(String hazelcastConfigUri) {
        this.hazelcastConfigUri = hazelcastConfigUri;
    }

    public HazelcastInstance getHazelcastInstance() {
        return hazelcastInstance;
    }

    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcastInstance = hazelcastInstance;
    }

    public String getHazelcastMembers() {
        return hazelcastMembers;
    }

    public void setHazelcastMembers(String hazelcastMembers) {
        this.hazelcastMembers = hazelcastMembers;
    }

    public Integer getHazelcastPort() {
        return hazelcastPort;
    }

    public void setHazelcastPort(Integer hazelcastPort) {
        this.hazelcastPort = hazelcastPort;
    }

    public Long getStoreTimeout() {
        return storeTimeout;
    }

    public void setStoreTimeout(Long storeTimeout) {
        this.storeTimeout = storeTimeout;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
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

    public Boolean getDpop() {
        return dpop;
    }

    public void setDpop(Boolean dpop) {
        this.dpop = dpop;
    }

    public Boolean getDpopAllowBearer() {
        return dpopAllowBearer;
    }

    public void setDpopAllowBearer(Boolean dpopAllowBearer) {
        this.dpopAllowBearer = dpopAllowBearer;
    }

    public String getDpopKey() {
        return dpopKey;
    }

    public void setDpopKey(String dpopKey) {
        this.dpopKey = dpopKey;
    }

    public String getClientAssertionKey() {
        return clientAssertionKey;
    }

    public void setClientAssertionKey(String clientAssertionKey) {
        this.clientAssertionKey = clientAssertionKey;
    }

    public String getClientAssertionKeyId() {
        return clientAssertionKeyId;
    }

    public void setClientAssertionKeyId(String clientAssertionKeyId) {
        this.clientAssertionKeyId = clientAssertionKeyId;
    }

    public Long getClientAssertionLifetime() {
        return clientAssertionLifetime;
    }

    public void setClientAssertionLifetime(Long clientAssertionLifetime) {
        this.clientAssertionLifetime = clientAssertionLifetime;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getSealingKey() {
        return sealingKey;
    }

    public void setSealingKey(String sealingKey) {
        this.sealingKey = sealingKey;
    }

    public String getSecretParameters() {
        return secretParameters;
    }

    public void setSecretParameters(String secretParameters) {
        this.secretParameters = secretParameters;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getProxyAuthPassword() {
        return proxyAuthPassword;
    }

    public void setProxyAuthPassword(String proxyAuthPassword) {
        this.proxyAuthPassword = proxyAuthPassword;
    }

    public String getProxyAuthUsername() {
        return proxyAuthUsername;
    }

    public void setProxyAuthUsername(String proxyAuthUsername) {
        this.proxyAuthUsername = proxyAuthUsername;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public Boolean getUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    public void setUseGlobalSslContextParameters(Boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }
}
