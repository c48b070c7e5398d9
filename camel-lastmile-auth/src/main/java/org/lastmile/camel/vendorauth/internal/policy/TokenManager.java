package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

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
 * and its back-off, and holds what they share: the store, the client, the executor fetches run on, and the policies.
 */
public final class TokenManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);

    private final TokenStore store;
    private final GrantStrategy grants;
    private final SingleFlight<TokenKey, LocalToken> flights = new SingleFlight<>();
    private final Executor executor;
    private final Clock clock;
    private final RefreshTiming timing;
    private final Backoff backoff;
    private final int failFastThreshold;
    private final Map<TokenKey, TokenSource> sources = new ConcurrentHashMap<>();

    /**
     * @param store    where tokens are shared
     * @param client   how the vendor is asked
     * @param executor where fetches run
     * @param clock    the time source
     * @param timing   when to refresh and when to stop sending a token
     * @param backoff  how long to leave the vendor alone once failing fast
     * @param failFastThreshold failed fetches in a row from which callers without a token are failed fast
     */
    public TokenManager(TokenStore store, TokenClient client, Executor executor, Clock clock, RefreshTiming timing,
                        Backoff backoff, int failFastThreshold) {
        this.store = store;
        this.grants = new GrantStrategy(client, clock);
        this.executor = executor;
        this.clock = clock;
        this.timing = timing;
        this.backoff = backoff;
        this.failFastThreshold = failFastThreshold;
    }

    /** The source of the request's credential, made on first use. */
    public TokenSource source(Credential request) {
        return sources.computeIfAbsent(request.key(),
                key -> new TokenSource(request, store, grants, flights, executor, clock, timing,
                        new FailureGate(backoff, failFastThreshold, clock)));
    }

    /** Ends the sources' subscriptions to the store. */
    @Override
    public void close() {
        sources.values().forEach(source -> {
            try {
                source.close();
            } catch (Exception e) {
                LOG.debug("Could not end the store watch of {}", source.key(), e);
            }
        });
        sources.clear();
    }
}
