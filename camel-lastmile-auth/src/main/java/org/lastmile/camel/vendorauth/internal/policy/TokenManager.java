package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.lastmile.camel.vendorauth.internal.oauth.GrantStrategy;
import org.lastmile.camel.vendorauth.internal.oauth.TokenClient;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.spi.SingleFlight;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.spi.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out one {@link TokenSource} per credential, so that every endpoint of a credential shares its token, its flight
 * and its failure gate, and holds what they share: the store, the grant strategy, the executor fetches run on, this JVM's
 * flights and the settings.
 *
 * <p>
 * Memory follows the credentials in use, not their history: {@link #sweep()} drops the source of a credential nobody used
 * for {@link PolicySettings#credentialIdleTimeout()} and that nobody waits for (its token stays in the store until it
 * expires, so coming back costs a store read, not a token call); at most {@link PolicySettings#maxCredentials()} sources
 * are kept, and a credential beyond them is refused, with one warning.
 */
public final class TokenManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);

    private final TokenStore store;
    private final GrantStrategy grants;
    private final SingleFlight<TokenKey, LocalToken> flights = new SingleFlight<>();
    private final Executor executor;
    private final Clock clock;
    private final PolicySettings settings;
    private final Map<TokenKey, TokenSource> sources = new ConcurrentHashMap<>();
    /** The outage gates of credentials on behalf of callers, one per credential as configured. */
    private final Map<TokenKey, FailureGate> outageGates = new ConcurrentHashMap<>();
    private final List<Consumer<TokenSource>> retirements = new CopyOnWriteArrayList<>();
    /** Whether the cap was reported since the sources last fell below it. */
    private volatile boolean capReported;

    /**
     * @param store    where tokens are shared
     * @param client   how the vendor is asked
     * @param executor where fetches run
     * @param clock    the time source
     * @param settings the policy's options
     */
    public TokenManager(TokenStore store, TokenClient client, Executor executor, Clock clock, PolicySettings settings) {
        this.store = store;
        this.grants = new GrantStrategy(client, clock);
        this.executor = executor;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * The source of the credential, made on first use.
     *
     * @throws IllegalStateException when {@link PolicySettings#maxCredentials()} credentials are in use already
     */
    public TokenSource source(Credential credential) {
        return source(credential, null);
    }

    /**
     * The source of one caller's credential (a token on a caller's behalf), made on first use: a refusal of its subject
     * counts for it alone, while an outage or a refused client counts once for every caller of {@code configured}.
     *
     * @param configured the credential as configured, without subject, or {@code null} for a credential of its own
     * @throws IllegalStateException when {@link PolicySettings#maxCredentials()} credentials are in use already
     */
    public TokenSource source(Credential credential, Credential configured) {
        TokenSource existing = sources.get(credential.key());
        if (existing != null) {
            return existing;
        }
        if (sources.size() >= settings.maxCredentials()) {
            sweep();
            if (sources.size() >= settings.maxCredentials()) {
                throw full();
            }
        }
        return sources.computeIfAbsent(credential.key(), key -> {
            FailureGate own = gate();
            FailureGate outages = configured == null ? own : outageGates.computeIfAbsent(configured.key(), k -> gate());
            return new TokenSource(credential, store, grants, flights, executor, clock, settings.timing(), own, outages);
        });
    }

    private FailureGate gate() {
        return new FailureGate(settings.backoff(), settings.failFastThreshold(), clock);
    }

    private IllegalStateException full() {
        String message = "Option maxCredentials: this vendorauth component already keeps " + settings.maxCredentials()
                + " credentials in use; a credential unused for credentialIdleTimeout ("
                + settings.credentialIdleTimeout().toMillis() + " ms) makes room";
        if (!capReported) {
            capReported = true;
            LOG.warn("{}. Refusing new credentials until then (said once until there is room again)", message);
        }
        return new IllegalStateException(message);
    }

    /**
     * Tells {@code listener} of each source the sweep drops, so that what shows it (health check, meters) goes too.
     *
     * @return what ends the listening, for a listener that leaves before the manager
     */
    public Runnable onRetired(Consumer<TokenSource> listener) {
        retirements.add(listener);
        return () -> retirements.remove(listener);
    }

    /** Drops the sources of credentials unused for the idle timeout and not waited for. */
    public synchronized void sweep() {
        long now = clock.millis();
        long timeout = settings.credentialIdleTimeout().toMillis();
        sources.forEach((key, source) -> {
            if (source.idleFor(now, timeout)) {
                retire(source);
            }
        });
        if (sources.size() < settings.maxCredentials()) {
            capReported = false;
        }
    }

    /**
     * Drops the source now, as the sweep drops an idle one: a credential replaced by a rotated one leaves this JVM with its
     * health check and meters. Its token stays in the store until it expires.
     */
    public void retire(TokenSource source) {
        if (sources.remove(source.key(), source)) {
            try {
                source.retire();
            } catch (Exception e) {
                LOG.debug("Could not end the store subscription of {}", source.key(), e);
            }
            retirements.forEach(listener -> listener.accept(source));
        }
    }

    /** How many credentials this manager keeps. */
    public int size() {
        return sources.size();
    }

    /** The context is stopping: every caller still waiting for a token is answered now. */
    public void stop() {
        sources.values().forEach(TokenSource::stop);
    }

    /** Answers the callers still waiting and ends the sources' subscriptions to the store. */
    @Override
    public void close() {
        stop();
        sources.values().forEach(source -> {
            try {
                source.close();
            } catch (Exception e) {
                LOG.debug("Could not end the store subscription of {}", source.key(), e);
            }
        });
        sources.clear();
    }
}
