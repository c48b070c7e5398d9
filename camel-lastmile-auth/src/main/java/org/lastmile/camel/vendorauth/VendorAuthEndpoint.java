package org.lastmile.camel.vendorauth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.AsyncEndpoint;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.CredentialName;
import org.lastmile.camel.vendorauth.internal.profile.CredentialOptions;
import org.lastmile.camel.vendorauth.internal.profile.CredentialResolver;
import org.lastmile.camel.vendorauth.internal.profile.ProfileRegistry;
import org.lastmile.camel.vendorauth.internal.profile.TokenTransport;
import org.lastmile.camel.vendorauth.internal.profile.VendorProfile;
import org.lastmile.camel.vendorauth.spi.CredentialProvider;

/**
 * Puts an Authorization Bearer header on exchanges (operation enrich), or drops a token an API refused (operation
 * invalidate), for the credential its options describe. Asynchronous: an exchange waiting for a token gives its thread
 * back.
 */
@ManagedResource(description = "A vendorauth endpoint and the token statistics of its credential (shared by every"
        + " endpoint of that credential in this JVM)")
@UriEndpoint(firstVersion = "0.1.0", scheme = "vendorauth", title = "Vendor Auth", syntax = "vendorauth:profile",
             producerOnly = true, remote = false, category = { Category.SECURITY, Category.HTTP },
             headersClass = VendorAuthConstants.class)
public class VendorAuthEndpoint extends DefaultEndpoint implements AsyncEndpoint {

    /** Options that say what an endpoint does, not which credential it serves. */
    private static final Set<String> NOT_CREDENTIAL = Set.of("operation", "lazyStartProducer");
    /** The component's scheme, as its catalog names it. */
    static final String SCHEME = "vendorauth";

    @UriPath(description = "The vendor profile: oauth2 (any OAuth2 token endpoint), a built-in vendor, or a profile of"
            + " your own.")
    @Metadata(required = true)
    private String profile;
    @UriParam
    private VendorAuthConfiguration configuration;
    @UriParam(defaultValue = "enrich", description = "enrich sets the Authorization header; invalidate drops the token"
            + " the exchange's Authorization header carries, if it is still current, so that the next enrich fetches a"
            + " new one.")
    private VendorAuthOperation operation = VendorAuthOperation.enrich;

    /** The profile, transport and options the endpoint's credentials are resolved from; set on creation. */
    private VendorProfile vendorProfile;
    private TokenTransport transport;
    private CredentialOptions ownOptions;
    /** The endpoint's own credential, or {@code null} when its options make none and named credentials are served. */
    private TokenHandle handle;
    /** Why the endpoint's own options make no credential, for exchanges without a credential name. */
    private String ownCredentialProblem;
    /** The key and provider of the named credentials this endpoint serves, shared with endpoints of the same options. */
    private List<Object> namedOptions;
    private CredentialProvider provider;
    /** Taken from the component at start when the endpoint serves named credentials, else at the first name. */
    private volatile NamedCredentials named;
    private boolean servesNamed;

    VendorAuthEndpoint(String uri, VendorAuthComponent component, VendorAuthConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public VendorAuthComponent getComponent() {
        return (VendorAuthComponent) super.getComponent();
    }

    /**
     * Resolves the options against the profile; fails naming the option that does not fit. An endpoint that serves named
     * credentials (a {@code credentialProvider}, or credentials named in properties) need not make a credential of its
     * own options: its exchanges then name theirs.
     */
    void resolve(ProfileRegistry profiles) {
        vendorProfile = profiles.get(profile);
        transport = TransportResolver.resolve(configuration, getComponent().retrieveGlobalSslContextParameters(),
                getCamelContext());
        ownOptions = credentialOptions();
        PropertiesCredentialProvider properties = new PropertiesCredentialProvider(getCamelContext());
        provider = configuration.getCredentialProvider() != null ? configuration.getCredentialProvider() : properties;
        servesNamed = configuration.getCredentialProvider() != null || properties.declaresAny();
        // endpoints that differ only in what they do (enrich, invalidate) serve the same named credentials
        namedOptions = List.of(profile, provider, ownOptions.without(NOT_CREDENTIAL));
        try {
            handle = new TokenHandle(getComponent(), resolve(ownOptions), null);
        } catch (IllegalArgumentException e) {
            if (!servesNamed) {
                throw e;
            }
            ownCredentialProblem = e.getMessage();
        }
    }

    /** A credential of these options, checked as the endpoint's own are. */
    Credential resolve(CredentialOptions options) {
        Credential credential = CredentialResolver.resolve(vendorProfile, options, transport, this::readResource);
        getComponent().clearTextWarnings().check(credential);
        return credential;
    }

    /** The endpoint's own options, as the resolver reads them. */
    CredentialOptions ownOptions() {
        return ownOptions;
    }

    /**
     * The options as the resolver reads them, by their URI names, read through what Camel generates from the catalog (the
     * URI factory's option names, the configurer's getters): an option is declared once, on
     * {@link VendorAuthConfiguration}.
     */
    CredentialOptions credentialOptions() {
        PropertyConfigurerGetter getter = (PropertyConfigurerGetter) getComponent().getEndpointPropertyConfigurer();
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : getCamelContext().getCamelContextExtension().getEndpointUriFactory(SCHEME).propertyNames()) {
            values.put(name, getter.getOptionValue(this, name, false));
        }
        return new CredentialOptions(values);
    }

    private String readResource(String uri) throws IOException {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(getCamelContext(), uri)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // a component that several threads created on first use may still be starting in one of them: this waits for it
        ServiceHelper.startService(getComponent());
        if (handle != null) {
            handle.start();
        }
        if (servesNamed) {
            named();
        }
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            if (named != null) {
                named = null;
                getComponent().releaseNamedCredentials(namedOptions);
            }
        }
        super.doStop();
    }

    /**
     * The handle of the credential the exchange names in {@link VendorAuthConstants#CREDENTIAL}, else of the endpoint's
     * own. The hot path: a header read and, for a named one, a map read.
     *
     * @throws IllegalArgumentException naming the credential, when it cannot be had (never a secret)
     */
    TokenHandle handle(Exchange exchange) {
        TokenHandle chosen = configuredHandle(exchange);
        return chosen.subjects() == null ? chosen : callerHandle(chosen.subjects(), exchange);
    }

    private TokenHandle configuredHandle(Exchange exchange) {
        Object name = exchange.getMessage().getHeader(VendorAuthConstants.CREDENTIAL);
        if (name != null) {
            return named().handle(name);
        }
        if (handle == null) {
            throw new IllegalArgumentException("No " + VendorAuthConstants.CREDENTIAL + " header, and the endpoint's own"
                    + " options make no credential: " + ownCredentialProblem);
        }
        return handle;
    }

    /**
     * For a grant on behalf of the caller: the handle of the caller's token, from the header
     * {@link VendorAuthConstants#SUBJECT_TOKEN} (then removed: the caller's token goes no further), else the incoming
     * {@code Authorization: Bearer} header, which enrich then replaces. {@code invalidate} acts on the handle the exchange's
     * enrich used: its {@code Authorization} header holds the token obtained, not the caller's.
     *
     * @throws IllegalArgumentException naming the header, when there is no subject token (nothing is asked for)
     */
    private TokenHandle callerHandle(SubjectHandles subjects, Exchange exchange) {
        Message message = exchange.getMessage();
        if (operation == VendorAuthOperation.invalidate
                && exchange.getProperty(VendorAuthRetry.TOKEN_SOURCE) instanceof TokenHandle used && subjects.holds(used)) {
            return used;
        }
        String subject = message.getHeader(VendorAuthConstants.SUBJECT_TOKEN, String.class);
        TokenHandle caller = null;
        if (subject != null && !subject.isBlank()) {
            caller = subjects.handle(subject, false);
            message.removeHeader(VendorAuthConstants.SUBJECT_TOKEN);
        } else if (operation == VendorAuthOperation.enrich) {
            String authorization = message.getHeader(VendorAuthConstants.AUTHORIZATION, String.class);
            caller = authorization == null ? null : subjects.handle(authorization, true);
        }
        if (caller == null) {
            throw new IllegalArgumentException("No subject token for grantType "
                    + subjects.grant().wireName()
                    + ": set the header " + VendorAuthConstants.SUBJECT_TOKEN + ", or pass on the caller's Authorization:"
                    + " Bearer header; no token was asked for");
        }
        return caller;
    }

    /**
     * The id of the check of this endpoint's named credentials: after its own credential when it has one, else after a
     * digest of its URI (whose secrets Camel masks), so that it stays the same when routes change.
     */
    private String namedCheckId() {
        String within = handle != null ? CredentialName.of(handle.credential(), handle.credential().key()).withinProfile()
                : java.util.HexFormat.of().formatHex(digest(URISupport.sanitizeUri(getEndpointUri())), 0, 6);
        return "producer:vendorauth-" + profile + "-named-" + within;
    }

    private static byte[] digest(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The credentials this endpoint serves by name: taken at start when it serves named credentials, else when an exchange
     * first names one (most endpoints never do, and an endpoint made per exchange by {@code toD} holds no set).
     */
    NamedCredentials named() {
        NamedCredentials current = named;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (named == null) {
                if (isStoppingOrStopped()) {
                    // a set taken now would never be given back
                    // the profile, not the endpoint: its URI may hold a secret Camel does not know to mask
                    throw new IllegalStateException("A vendorauth endpoint of profile '" + profile
                            + "' is stopped: it serves no named credential");
                }
                NamedCredentials shared = getComponent().useNamedCredentials(namedOptions,
                        () -> new NamedCredentials(this, provider));
                shared.start(servesNamed ? namedCheckId() : null);
                named = shared;
            }
            return named;
        }
    }

    @ManagedAttribute(description = "The credential: profile, client id, token endpoint host and short id, no secret")
    public String getCredential() {
        return handle == null ? "" : CredentialName.of(handle.credential(), handle.credential().key()).toString();
    }

    @ManagedAttribute(description = "The token endpoint this endpoint's credential is fetched from")
    public String getTokenEndpoint() {
        return handle == null ? "" : handle.credential().tokenUrl().toString();
    }

    @ManagedAttribute(description = "Exchanges served from this JVM's copy of the token")
    public long getLocalHits() {
        TokenSource source = handle == null ? null : handle.source();
        return source == null ? 0 : source.statistics().localHits();
    }

    @ManagedAttribute(description = "Exchanges that waited for a token being fetched, here or on another member")
    public long getWaits() {
        TokenSource source = handle == null ? null : handle.source();
        return source == null ? 0 : source.statistics().waits();
    }

    @ManagedAttribute(description = "Fetches answered by the shared store without asking the vendor")
    public long getStoreHits() {
        TokenSource source = handle == null ? null : handle.source();
        return source == null ? 0 : source.statistics().storeHits();
    }

    @ManagedAttribute(description = "Token requests to the vendor with the primary grant")
    public long getFetches() {
        TokenSource source = handle == null ? null : handle.source();
        return source == null ? 0 : source.statistics().fetches();
    }

    @ManagedAttribute(description = "Token requests to the vendor with a refresh token")
    public long getRefreshes() {
        TokenSource source = handle == null ? null : handle.source();
        return source == null ? 0 : source.statistics().refreshes();
    }

    @ManagedAttribute(description = "Fetches that ended without a token")
    public long getFailures() {
        TokenSource source = handle == null ? null : handle.source();
        return source == null ? 0 : source.statistics().failures();
    }

    @ManagedAttribute(description = "When the token at hand expires (ISO-8601), empty when there is none")
    public String getTokenExpiresAt() {
        TokenSource source = handle == null ? null : handle.source();
        Instant expiresAt = source == null ? null : source.tokenExpiresAt();
        return expiresAt == null ? "" : expiresAt.toString();
    }

    @Override
    public Producer createProducer() {
        return new VendorAuthProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("vendorauth endpoints only produce: put them before an API call");
    }

    public String getProfile() {
        return profile;
    }

    /** The vendor profile. */
    public void setProfile(String profile) {
        this.profile = profile;
    }

    public VendorAuthConfiguration getConfiguration() {
        return configuration;
    }

    /** The credential and request options. */
    public void setConfiguration(VendorAuthConfiguration configuration) {
        this.configuration = configuration;
    }

    public VendorAuthOperation getOperation() {
        return operation;
    }

    /** What the endpoint does with an exchange. */
    public void setOperation(VendorAuthOperation operation) {
        this.operation = operation;
    }
}
