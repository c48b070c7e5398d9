package org.lastmile.camel.vendorauth;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.PropertiesHelper;
import org.apache.camel.util.URISupport;
import org.lastmile.camel.vendorauth.internal.oauth.TokenClient;
import org.lastmile.camel.vendorauth.internal.policy.Backoff;
import org.lastmile.camel.vendorauth.internal.policy.PolicySettings;
import org.lastmile.camel.vendorauth.internal.policy.RefreshTiming;
import org.lastmile.camel.vendorauth.internal.policy.TokenManager;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.ProfileRegistry;
import org.lastmile.camel.vendorauth.internal.store.FallbackTokenStore;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.ClusterInstance;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.HazelcastTokenStore;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.lastmile.camel.vendorauth.spi.TokenStore;

/**
 * The {@code vendorauth} component: puts {@code Authorization: Bearer <token>} on exchanges, with tokens fetched once per
 * credential and shared through a {@link TokenStore}. Holds what all its endpoints share: the profiles, the token client and
 * its connection pool, the fetch threads, the store and the token manager.
 *
 * <p>
 * Longer than our other classes for a reason of Camel's: every component option is a field with its {@code @Metadata}
 * (from which the catalog and the Spring Boot starter are generated) and a getter and setter for Camel's property binding,
 * about three hundred lines. What the class does itself is short: it assembles the layers on start and ends them on stop.
 */
@Component("vendorauth")
public class VendorAuthComponent extends DefaultComponent implements SSLContextParametersAware {

    static {
        // Camel masks options it knows to be secret wherever it shows a URI (logs, route dumps, errors, an endpoint's
        // toString); sealingKey, dpopKey and clientAssertionKey are not among the names it knows, and the word "key" alone
        // would mask too much. The names come from the options' own secret flag, so a new secret option is not forgotten
        // (comma-separated: each call replaces the keywords of the call before)
        URISupport.addSanitizeKeywords(String.join(",", secretOptionNames()));
    }

    private static Set<String> secretOptionNames() {
        Set<String> names = new TreeSet<>();
        for (Field field : VendorAuthConfiguration.class.getDeclaredFields()) {
            UriParam param = field.getAnnotation(UriParam.class);
            if (param != null && param.secret()) {
                names.add(param.name().isEmpty() ? field.getName() : param.name());
            }
        }
        return names;
    }

    @Metadata(description = "Default credential and request options for every endpoint.")
    private VendorAuthConfiguration configuration = new VendorAuthConfiguration();
    @Metadata(label = "advanced", autowired = true, description = "Where tokens are kept and shared. Default: a"
            + " Hazelcast store shared by the cluster (see hazelcastInstance); set an InMemoryTokenStore for one JVM alone.")
    private TokenStore tokenStore;
    @Metadata(label = "cluster", autowired = true, description = "The Hazelcast instance (member or client) whose cluster"
            + " shares the tokens. Default: a single instance in the registry, else one from hazelcastConfigUri, else an"
            + " embedded member on loopback that the component starts and stops. An instance given here is never shut"
            + " down by the component.")
    private HazelcastInstance hazelcastInstance;
    @Metadata(label = "cluster", description = "A Hazelcast member or client configuration (XML or YAML), as a Camel"
            + " resource URI (classpath:, file:, http:), used when no hazelcastInstance is given.")
    private String hazelcastConfigUri;
    @Metadata(label = "cluster", defaultValue = "vendorauth", description = "The cluster name of the embedded member.")
    private String clusterName = "vendorauth";
    @Metadata(label = "cluster", defaultValue = "5701", description = "The first port the embedded member tries; it takes"
            + " the first free one of the next 10.")
    private int hazelcastPort = 5701;
    @Metadata(label = "cluster", defaultValue = "127.0.0.1", description = "Where the embedded member looks for the"
            + " others (TCP-IP join): comma-separated addresses, each with or without a port; without one, the whole port"
            + " range is tried.")
    private String hazelcastMembers = "127.0.0.1";
    @Metadata(label = "cluster", defaultValue = "2000", javaType = "java.time.Duration", description = "The longest one"
            + " Hazelcast call may take; beyond it this JVM fetches tokens on its own for a few seconds instead of failing"
            + " exchanges.")
    private long storeTimeout = 2000;
    @Metadata(description = "Profile files to load besides the built-in ones, comma-separated Camel resource URIs"
            + " (classpath:, file:, http:).")
    private String profileLocations;
    @Metadata(label = "security", defaultValue = "false", description = "Use the CamelContext's global"
            + " SSLContextParameters for token endpoints that set no sslContextParameters of their own.")
    private boolean useGlobalSslContextParameters;
    @Metadata(label = "advanced", defaultValue = "5000", javaType = "java.time.Duration",
              description = "Bound on opening a connection to a token endpoint.")
    private long connectTimeout = 5000;
    @Metadata(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "Bound on waiting for a token endpoint's answer.")
    private long responseTimeout = 10000;
    @Metadata(label = "advanced", defaultValue = "8", description = "Size of the token client's own connection pool.")
    private int maxConnections = 8;
    @Metadata(label = "advanced", defaultValue = "4", description = "Threads that run token fetches (fetches of one"
            + " credential never run in parallel; this bounds fetches of different credentials).")
    private int fetchThreads = 4;
    @Metadata(defaultValue = "60000", javaType = "java.time.Duration", description = "How long before expiry the"
            + " background refresh of a token may start, capped at a fifth of its lifetime (so a token costs at most 1.25"
            + " token calls per lifetime); each copy picks a random moment early in that window. Callers keep the current"
            + " token meanwhile.")
    private long refreshMargin = 60000;
    @Metadata(label = "advanced", defaultValue = "250", javaType = "java.time.Duration", description = "How long before"
            + " expiry a token stops being sent, at least: the skew is the larger of this and a tenth of the lifetime, at"
            + " most 5 s (or this, when larger), never before the refresh window opens. It covers the cluster-clock"
            + " estimate and a stall between hand-out and the wire; exchanges that find only such a token wait for the"
            + " refresh in flight. A token's life counts from when its request was sent.")
    private long minExpirySkew = 250;
    @Metadata(label = "health", defaultValue = "true", description = "Whether each producer registers a readiness"
            + " check (DOWN while the token endpoint keeps failing and no valid token is held). Camel runs producer checks"
            + " only when camel.health.producers-enabled=true.")
    private boolean healthCheckProducerEnabled = true;
    @Metadata(defaultValue = "3", description = "Failed token fetches in a row (cluster-wide) from which exchanges"
            + " without a usable token fail at once, with the vendor's last words, instead of asking the vendor again; the"
            + " health check turns DOWN then. Before that, every exchange without a token gets a new attempt (one at a time"
            + " per credential in the cluster). A vendor's Retry-After is honoured whatever the count.")
    private int failFastThreshold = 3;
    @Metadata(label = "advanced", defaultValue = "1000", javaType = "java.time.Duration",
              description = "How long the vendor is left alone once failing fast; it doubles (with jitter) on each"
                      + " further failure.")
    private long backoffInitial = 1000;
    @Metadata(label = "advanced", defaultValue = "60000", javaType = "java.time.Duration",
              description = "Longest wait between failed fetches (a vendor's Retry-After may ask for longer).")
    private long backoffMax = 60000;
    @Metadata(label = "advanced", defaultValue = "600000", javaType = "java.time.Duration", description = "How long a"
            + " credential's state stays in this JVM without being used; its token stays in the store until it expires,"
            + " so a credential used again costs a store read, not a token call.")
    private long credentialIdleTimeout = 600000;
    @Metadata(label = "advanced", defaultValue = "10000", description = "How many credentials in use this component keeps"
            + " at most (a tenant taken from input must not grow the heap without bound); beyond it, endpoints of new"
            + " credentials fail to start, with one warning, until idle credentials make room.")
    private int maxCredentials = 10000;
    @Metadata(label = "advanced", defaultValue = "false", description = "Whether each credential chosen by name per"
            + " exchange (header CamelVendorAuthCredential) gets Micrometer meters of its own, tagged with its"
            + " credential name. Off by default, so that thousands of tenants do not make thousands of series; an"
            + " endpoint's own credential always has its meters.")
    private boolean metersPerCredential;

    private ProfileRegistry profiles;
    private final ClearTextWarnings clearTextWarnings = new ClearTextWarnings();
    private final DpopRequests dpopRequests = new DpopRequests(Clock.systemUTC());
    private ExecutorService fetchExecutor;
    private ExecutorService resumeExecutor;
    private ScheduledExecutorService sweeper;
    private TokenClient tokenClient;
    private TokenManager tokenManager;
    private VendorAuthCredentials credentials;
    /**
     * The named credentials of endpoints, shared by the started endpoints of the same options and provider, and dropped
     * when the last of them stops: endpoints made per exchange ({@code toD}) must not leave a set each behind.
     */
    private final Map<List<Object>, SharedNamedCredentials> named = new ConcurrentHashMap<>();

    /** A set of named credentials and how many endpoints use it. */
    private record SharedNamedCredentials(NamedCredentials credentials, int users) {
    }
    /** The store and instance this component made itself, and so closes. */
    private FallbackTokenStore ownStore;
    private ClusterInstance cluster;
    /** Answers the exchanges waiting for a token as soon as the context starts stopping, not after its grace period. */
    private final LifecycleStrategySupport stopping = new LifecycleStrategySupport() {
        @Override
        public void onContextStopping(CamelContext context) {
            TokenManager manager = tokenManager;
            if (manager != null) {
                manager.stop();
            }
        }
    };

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        VendorAuthConfiguration options = configuration.copy();
        // param.<name> options are a prefixed multi-value option, which Camel's property binding leaves to the component
        Map<String, Object> extra = PropertiesHelper.extractProperties(parameters, "param.");
        if (!extra.isEmpty()) {
            Map<String, Object> merged = new LinkedHashMap<>();
            if (options.getAdditionalParameters() != null) {
                merged.putAll(options.getAdditionalParameters());
            }
            merged.putAll(extra);
            options.setAdditionalParameters(merged);
        }
        VendorAuthEndpoint endpoint = new VendorAuthEndpoint(uri, this, options);
        endpoint.setProfile(remaining);
        try {
            setProperties(endpoint, parameters);
        } catch (PropertyBindingException e) {
            // Camel's message repeats the value, which may be a secret: name the option alone, and keep no cause
            throw new ResolveEndpointFailedException(VendorAuthOptionErrors.withoutQuery(uri),
                    VendorAuthOptionErrors.cannotTake(e.getPropertyName()));
        }
        // before resolving, so that a misspelt option is reported as such rather than as a required one missing
        validateParameters(uri, parameters, null);
        VendorAuthOptionErrors.warnOfPlusTurnedSpace(uri, "clientSecret", options.getClientSecret());
        VendorAuthOptionErrors.warnOfPlusTurnedSpace(uri, "password", options.getPassword());
        // resolving now makes a misconfigured endpoint fail at creation, naming the option
        endpoint.resolve(profiles());
        return endpoint;
    }

    /** Warns once per token endpoint that would carry credentials over plain http beyond this host. */
    ClearTextWarnings clearTextWarnings() {
        return clearTextWarnings;
    }

    @Override
    protected void validateParameters(String uri, Map<String, Object> parameters, String optionPrefix) {
        Map<String, Object> unknown = optionPrefix == null || parameters == null ? parameters
                : PropertiesHelper.extractProperties(parameters, optionPrefix);
        if (unknown != null && !unknown.isEmpty()) {
            Set<String> known = VendorAuthOptionErrors.endpointOptions();
            throw new ResolveEndpointFailedException(VendorAuthOptionErrors.withoutQuery(uri),
                    VendorAuthOptionErrors.unknown(unknown.keySet(), known, VendorAuthOptionErrors.componentOnlyOptions()));
        }
    }

    /** The profiles, read on first use so that {@link #setProfileLocations(String)} has been applied. */
    synchronized ProfileRegistry profiles() {
        if (profiles == null) {
            List<String> locations = profileLocations == null ? List.of()
                    : Arrays.stream(profileLocations.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            profiles = new ProfileRegistry(getCamelContext(), locations);
        }
        return profiles;
    }

    @Override
    protected void doStart() throws Exception {
        // a zero timeout means "wait forever" to the HTTP client, and an empty pool fails every fetch: refuse both
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("responseTimeout", responseTimeout);
        requirePositive("maxConnections", maxConnections);
        requirePositive("fetchThreads", fetchThreads);
        requirePositive("storeTimeout", storeTimeout);
        PolicySettings settings = new PolicySettings(
                RefreshTiming.DEFAULT.withRefreshMargin(Duration.ofMillis(refreshMargin))
                        .withMinExpirySkew(Duration.ofMillis(minExpirySkew)),
                new Backoff(Duration.ofMillis(backoffInitial), Duration.ofMillis(backoffMax)), failFastThreshold,
                Duration.ofMillis(credentialIdleTimeout), maxCredentials);
        super.doStart();
        profiles();
        fetchExecutor = getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "VendorAuthFetch",
                fetchThreads);
        // exchanges that waited for a token resume here, never on a fetch thread: the rest of their route (often the
        // API call itself) must not occupy the threads that fetch tokens
        resumeExecutor = getCamelContext().getExecutorServiceManager().newDefaultThreadPool(this, "VendorAuthResume");
        tokenClient = new TokenClient(Duration.ofMillis(connectTimeout), Duration.ofMillis(responseTimeout),
                maxConnections, Clock.systemUTC());
        TokenStore store = tokenStore;
        if (store == null) {
            cluster = ClusterInstance.resolve(hazelcastInstance, hazelcastConfigUri, this::readResource,
                    new ClusterInstance.Embedded(clusterName, hazelcastPort, 10, hazelcastMembers));
            // a token request's bound: a connection, an answer and a margin
            Duration flightBound = Duration.ofMillis(connectTimeout + responseTimeout + 2000);
            ownStore = new FallbackTokenStore(new HazelcastTokenStore(cluster.instance(), flightBound,
                    Duration.ofMillis(storeTimeout), Clock.systemUTC()), new InMemoryTokenStore(), Clock.systemUTC());
            store = ownStore;
        }
        tokenManager = new TokenManager(store, tokenClient, fetchExecutor, Clock.systemUTC(), settings);
        credentials = new VendorAuthCredentials(getCamelContext(), tokenManager, healthCheckProducerEnabled);
        getCamelContext().addLifecycleStrategy(stopping);
        // idleness is seen at the sweeps: a credential goes within half the idle timeout (at most a minute) of it
        long sweepEvery = Math.max(100, Math.min(credentialIdleTimeout / 2, 60_000));
        sweeper = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "VendorAuthSweep");
        TokenManager manager = tokenManager;
        sweeper.scheduleWithFixedDelay(manager::sweep, sweepEvery, sweepEvery, TimeUnit.MILLISECONDS);
    }

    private static void requirePositive(String option, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("Option " + option + " must be greater than 0, not " + value);
        }
    }

    private byte[] readResource(String location) throws Exception {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(getCamelContext(), location)) {
            return in.readAllBytes();
        }
    }

    @Override
    protected void doStop() throws Exception {
        getCamelContext().getLifecycleStrategies().remove(stopping);
        if (sweeper != null) {
            getCamelContext().getExecutorServiceManager().shutdown(sweeper);
            sweeper = null;
        }
        named.values().forEach(shared -> shared.credentials().stop());
        named.clear();
        if (credentials != null) {
            credentials.close();
            credentials = null;
        }
        if (tokenManager != null) {
            tokenManager.close();
            tokenManager = null;
        }
        if (ownStore != null) {
            ownStore.close();
            ownStore = null;
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
        if (tokenClient != null) {
            tokenClient.close();
            tokenClient = null;
        }
        if (fetchExecutor != null) {
            getCamelContext().getExecutorServiceManager().shutdown(fetchExecutor);
            fetchExecutor = null;
        }
        if (resumeExecutor != null) {
            getCamelContext().getExecutorServiceManager().shutdown(resumeExecutor);
            resumeExecutor = null;
        }
        super.doStop();
    }

    /** The manager of this component's tokens; there while the component runs. */
    TokenManager tokenManager() {
        if (tokenManager == null) {
            throw new IllegalStateException("The vendorauth component is not started");
        }
        return tokenManager;
    }

    /**
     * The source of the credential, shared by its endpoints. An endpoint's own credential has its health check and meters;
     * a named one (chosen per exchange) has meters of its own only with {@code metersPerCredential}, so that thousands of
     * tenants do not make thousands of series, and is told in its endpoint's health check.
     *
     * @param name the credential's name when an exchange chose it by name, else {@code null}
     */
    TokenSource source(Credential credential, String name) {
        tokenManager();
        return name == null ? credentials.source(credential) : credentials.namedSource(credential, metersPerCredential);
    }

    /**
     * The source of one caller's credential (a token obtained on a caller's behalf): no health check and no meters of its
     * own, whatever {@code metersPerCredential} says, since callers come and go with the users.
     */
    TokenSource callerSource(Credential credential, Credential configured) {
        tokenManager();
        return credentials.callerSource(credential, configured);
    }

    /**
     * The named credentials served by endpoints of these options and provider, made on first use; the endpoint gives them
     * back with {@link #releaseNamedCredentials} when it stops.
     */
    NamedCredentials useNamedCredentials(List<Object> options, Supplier<NamedCredentials> maker) {
        return named.compute(options, (key, shared) -> shared == null ? new SharedNamedCredentials(maker.get(), 1)
                : new SharedNamedCredentials(shared.credentials(), shared.users() + 1)).credentials();
    }

    /** An endpoint of these options stopped: the last one to stop takes the set along. */
    void releaseNamedCredentials(List<Object> options) {
        NamedCredentials[] last = new NamedCredentials[1];
        named.computeIfPresent(options, (key, shared) -> {
            if (shared.users() > 1) {
                return new SharedNamedCredentials(shared.credentials(), shared.users() - 1);
            }
            last[0] = shared.credentials();
            return null;
        });
        if (last[0] != null) {
            last[0].stop();
        }
    }

    /** How many sets of named credentials endpoints use now: for tests. */
    int namedCredentialSets() {
        return named.size();
    }

    /** The checks and meters of the credentials this component serves; there while the component runs. */
    VendorAuthCredentials credentials() {
        tokenManager();
        return credentials;
    }

    /** How many credentials this component keeps in this JVM now: those in use, at most {@code maxCredentials}. */
    public int credentialsInUse() {
        TokenManager manager = tokenManager;
        return manager == null ? 0 : manager.size();
    }

    /** The keys of the DPoP-bound tokens handed out, and the APIs' nonces. */
    DpopRequests dpopRequests() {
        return dpopRequests;
    }

    /** Where exchanges that waited for a token resume their route. */
    Executor resumeExecutor() {
        return resumeExecutor;
    }

    public boolean isMetersPerCredential() {
        return metersPerCredential;
    }

    /** Whether each credential chosen by name per exchange gets meters of its own. */
    public void setMetersPerCredential(boolean metersPerCredential) {
        this.metersPerCredential = metersPerCredential;
    }

    public VendorAuthConfiguration getConfiguration() {
        return configuration;
    }

    /** Default credential and request options for every endpoint. */
    public void setConfiguration(VendorAuthConfiguration configuration) {
        this.configuration = configuration;
    }

    public TokenStore getTokenStore() {
        return tokenStore;
    }

    /** Where tokens are kept and shared. Default: an in-memory store for this JVM. */
    public void setTokenStore(TokenStore tokenStore) {
        this.tokenStore = tokenStore;
    }

    public HazelcastInstance getHazelcastInstance() {
        return hazelcastInstance;
    }

    /** The Hazelcast instance whose cluster shares the tokens; never shut down by the component. */
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcastInstance = hazelcastInstance;
    }

    public String getHazelcastConfigUri() {
        return hazelcastConfigUri;
    }

    /** A Hazelcast member or client configuration, used when no instance is given. */
    public void setHazelcastConfigUri(String hazelcastConfigUri) {
        this.hazelcastConfigUri = hazelcastConfigUri;
    }

    public String getClusterName() {
        return clusterName;
    }

    /** The cluster name of the embedded member. */
    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public int getHazelcastPort() {
        return hazelcastPort;
    }

    /** The first port the embedded member tries. */
    public void setHazelcastPort(int hazelcastPort) {
        this.hazelcastPort = hazelcastPort;
    }

    public String getHazelcastMembers() {
        return hazelcastMembers;
    }

    /** Where the embedded member looks for the others. */
    public void setHazelcastMembers(String hazelcastMembers) {
        this.hazelcastMembers = hazelcastMembers;
    }

    public long getStoreTimeout() {
        return storeTimeout;
    }

    /** The longest one Hazelcast call may take, in milliseconds. */
    public void setStoreTimeout(long storeTimeout) {
        this.storeTimeout = storeTimeout;
    }

    public String getProfileLocations() {
        return profileLocations;
    }

    /** Profile files to load besides the built-in ones, comma-separated Camel resource URIs. */
    public void setProfileLocations(String profileLocations) {
        this.profileLocations = profileLocations;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    /** Use the CamelContext's global SSLContextParameters for token endpoints that set none of their own. */
    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /** Bound on opening a connection to a token endpoint, in milliseconds. */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getResponseTimeout() {
        return responseTimeout;
    }

    /** Bound on waiting for a token endpoint's answer, in milliseconds. */
    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    /** Size of the token client's own connection pool. */
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public int getFetchThreads() {
        return fetchThreads;
    }

    /** Threads that run token fetches. */
    public void setFetchThreads(int fetchThreads) {
        this.fetchThreads = fetchThreads;
    }

    public long getRefreshMargin() {
        return refreshMargin;
    }

    /** How long before expiry a token is refreshed in the background, in milliseconds. */
    public void setRefreshMargin(long refreshMargin) {
        this.refreshMargin = refreshMargin;
    }

    public long getMinExpirySkew() {
        return minExpirySkew;
    }

    /** How long before expiry a token stops being sent, at least, in milliseconds. */
    public void setMinExpirySkew(long minExpirySkew) {
        this.minExpirySkew = minExpirySkew;
    }

    public boolean isHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    /** Whether each producer registers a readiness check. */
    public void setHealthCheckProducerEnabled(boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public int getFailFastThreshold() {
        return failFastThreshold;
    }

    /** Failed token fetches in a row from which exchanges without a usable token fail at once. */
    public void setFailFastThreshold(int failFastThreshold) {
        this.failFastThreshold = failFastThreshold;
    }

    public long getCredentialIdleTimeout() {
        return credentialIdleTimeout;
    }

    /** How long a credential's state stays in this JVM without being used, in milliseconds. */
    public void setCredentialIdleTimeout(long credentialIdleTimeout) {
        this.credentialIdleTimeout = credentialIdleTimeout;
    }

    public int getMaxCredentials() {
        return maxCredentials;
    }

    /** How many credentials in use this component keeps at most. */
    public void setMaxCredentials(int maxCredentials) {
        this.maxCredentials = maxCredentials;
    }

    public long getBackoffInitial() {
        return backoffInitial;
    }

    /** How long the vendor is left alone once failing fast, in milliseconds. */
    public void setBackoffInitial(long backoffInitial) {
        this.backoffInitial = backoffInitial;
    }

    public long getBackoffMax() {
        return backoffMax;
    }

    /** Longest wait between failed fetches, in milliseconds. */
    public void setBackoffMax(long backoffMax) {
        this.backoffMax = backoffMax;
    }
}
