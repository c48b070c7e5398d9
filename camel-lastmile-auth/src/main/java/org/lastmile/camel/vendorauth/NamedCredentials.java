package org.lastmile.camel.vendorauth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.lastmile.camel.vendorauth.internal.policy.TokenSource;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.CredentialOptions;
import org.lastmile.camel.vendorauth.spi.CredentialProvider;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials one endpoint serves by name: an exchange names one in {@link VendorAuthConstants#CREDENTIAL}, the
 * {@link CredentialProvider} gives its options, laid over the endpoint's, and the credential gets a {@link TokenHandle}
 * of its own (its own single flight, failure gate and token in the cluster). Answers are kept: the provider is asked
 * once per name, again before a renewal ({@link #recheck}) and when the token endpoint refuses the credential
 * ({@link #renewed}); a credential whose options changed replaces the old one, whose state is retired. A name's handle
 * leaves with its token source when the credential goes idle, so memory follows the names in use.
 */
final class NamedCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(NamedCredentials.class);
    /** What a credential name may be: short, and nothing that needs escaping in a message or a log line. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:@/+-]{1,128}");
    /** Options that are the endpoint's alone: how it reaches the token endpoint, and what it does. */
    private static final Set<String> ENDPOINT_ONLY = Set.of("operation", "lazyStartProducer", "credentialProvider",
            "sslContextParameters", "proxyHost", "proxyPort", "proxyAuthUsername", "proxyAuthPassword");

    private final VendorAuthEndpoint endpoint;
    private final CredentialProvider provider;
    private final Map<String, TokenHandle> handles = new ConcurrentHashMap<>();
    /** The name of each credential's handle, so that a retired source takes its handle along. */
    private final Map<TokenKey, String> names = new ConcurrentHashMap<>();
    private final Consumer<TokenSource> onRetired = this::forget;

    NamedCredentials(VendorAuthEndpoint endpoint, CredentialProvider provider) {
        this.endpoint = endpoint;
        this.provider = provider;
    }

    private NamedCredentialsHealthCheck check;
    /** Ends the following of retirements; {@code null} while not started. */
    private Runnable unfollow;

    private final AtomicBoolean started = new AtomicBoolean();

    /**
     * Starts following retirements, and shows the check of the named credentials when {@code checkId} is given; once,
     * however many endpoints share these credentials. The component stops it.
     */
    void start(String checkId) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        unfollow = endpoint.getComponent().tokenManager().onRetired(onRetired);
        if (checkId != null) {
            check = new NamedCredentialsHealthCheck(checkId, this);
            endpoint.getComponent().credentials().show(check);
        }
    }

    /**
     * Forgets the credentials, stops following retirements and takes the check away: the last endpoint of these options
     * stopped, or the component did. Their sources leave the manager when idle, as any other.
     */
    void stop() {
        if (!started.compareAndSet(true, false)) {
            return;
        }
        if (unfollow != null) {
            unfollow.run();
            unfollow = null;
        }
        if (check != null) {
            endpoint.getComponent().credentials().unshow(check);
            check = null;
        }
        handles.clear();
        names.clear();
    }

    /**
     * The handle of the named credential, resolved on first use.
     *
     * @throws IllegalArgumentException when the name is not one, the provider knows no such credential, or its options
     *                                  make none: naming the credential and the option, never a value
     */
    TokenHandle handle(Object header) {
        if (header instanceof String name) {
            TokenHandle known = handles.get(name);
            if (known != null) {
                return known;
            }
            if (NAME.matcher(name).matches()) {
                return handles.computeIfAbsent(name, this::started);
            }
        }
        throw new IllegalArgumentException("Header " + VendorAuthConstants.CREDENTIAL + " is not a credential name: 1 to"
                + " 128 letters, digits and . _ : @ / + -");
    }

    /**
     * After the token endpoint refused the credential of {@code stale}: the provider is asked again, and a credential
     * whose options changed replaces it.
     *
     * @return the handle to use now: a new one, or one another exchange renewed meanwhile; {@code null} when the provider
     *         still gives the refused credential
     */
    TokenHandle renewed(TokenHandle stale) {
        TokenHandle current = handles.get(stale.name());
        if (current != null && current != stale) {
            return current;
        }
        Credential fresh = credential(stale.name());
        if (fresh.key().equals(stale.credential().key())) {
            return null;
        }
        return replace(stale, fresh);
    }

    /**
     * A renewal of the credential's token is due while the token still serves: the provider is asked again, once per
     * token and off the exchange's thread, so that a secret rotated in a vault is used from the next token call on.
     */
    void recheck(TokenHandle handle, Object token) {
        if (handle.firstRecheckFor(token)) {
            handle.resumeExecutor().execute(() -> current(handle));
        }
    }

    /**
     * The handle to renew with: the provider is asked again, and a credential whose options changed replaces the old
     * one. When the provider cannot answer, the current credential goes on: a refusal or the next renewal asks again.
     */
    TokenHandle current(TokenHandle handle) {
        try {
            Credential fresh = credential(handle.name());
            if (!fresh.key().equals(handle.credential().key()) && handles.get(handle.name()) == handle) {
                return replace(handle, fresh);
            }
        } catch (RuntimeException e) {
            LOG.warn("Credential '{}' could not be looked up again before its renewal: {}", handle.name(),
                    e.getClass().getSimpleName());
        }
        TokenHandle now = handles.get(handle.name());
        return now != null ? now : handle;
    }

    /** The handles of the named credentials in use. */
    List<TokenHandle> inUse() {
        return new ArrayList<>(handles.values());
    }

    private TokenHandle replace(TokenHandle stale, Credential fresh) {
        TokenHandle renewed = new TokenHandle(endpoint.getComponent(), fresh, stale.name()).start();
        if (!handles.replace(stale.name(), stale, renewed)) {
            TokenHandle current = handles.get(stale.name());
            return current != null ? current : renewed;
        }
        names.put(fresh.key(), stale.name());
        LOG.info("Credential '{}' changed in its provider: the new one is used from its next token call on",
                stale.name());
        if (!fresh.key().equals(stale.credential().key()) && stale.source() != null) {
            names.remove(stale.credential().key(), stale.name());
            endpoint.getComponent().tokenManager().retire(stale.source());
        }
        return renewed;
    }

    private TokenHandle started(String name) {
        TokenHandle handle = new TokenHandle(endpoint.getComponent(), credential(name), name).start();
        names.put(handle.credential().key(), name);
        return handle;
    }

    private void forget(TokenSource retired) {
        String name = names.get(retired.key());
        if (name != null) {
            TokenHandle handle = handles.get(name);
            if (handle != null && handle.source() == retired) {
                handles.remove(name, handle);
                names.remove(retired.key(), name);
            }
        }
    }

    /** The named credential as the provider gives it now, laid over the endpoint's options and checked. */
    private Credential credential(String name) {
        Map<String, String> given;
        try {
            given = provider.credential(name);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The credential provider failed to give credential '" + name + "'", e);
        }
        if (given == null) {
            throw new IllegalArgumentException("No credential named '" + name + "': the credential provider knows none");
        }
        Map<String, Object> overlay = new LinkedHashMap<>();
        Map<String, Object> parameters = new LinkedHashMap<>(endpoint.ownOptions().additionalParameters());
        Set<String> known = endpoint.getCamelContext().getCamelContextExtension()
                .getEndpointUriFactory(VendorAuthEndpoint.SCHEME).propertyNames();
        given.forEach((option, value) -> {
            if (option.startsWith("param.") && option.length() > "param.".length()) {
                parameters.put(option.substring("param.".length()), resolved(value));
            } else if (ENDPOINT_ONLY.contains(option)) {
                throw new IllegalArgumentException("Credential '" + name + "': option " + option
                        + " is the endpoint's and cannot be set per credential");
            } else if (known.contains(option)) {
                overlay.put(option, resolved(value));
            } else {
                throw new IllegalArgumentException("Credential '" + name + "': unknown option " + option);
            }
        });
        overlay.put(CredentialOptions.ADDITIONAL_PARAMETERS, parameters);
        try {
            return endpoint.resolve(endpoint.ownOptions().with(overlay)).labelled(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Credential '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Placeholders resolved at look-up, so that a vault's current secret is used. */
    private String resolved(String value) {
        return value == null ? null : endpoint.getCamelContext().resolvePropertyPlaceholders(value);
    }
}
