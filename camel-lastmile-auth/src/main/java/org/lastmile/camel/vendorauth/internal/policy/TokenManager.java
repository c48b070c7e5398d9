package org.lastmile.camel.vendorauth.internal.policy;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.lastmile.camel.vendorauth.internal.oauth.TokenClient;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
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
    private final TokenClient client;
    private final Executor executor;
    private final Clock clock;
    private final RefreshTiming timing;
    private final Backoff backoff;
    private final Map<TokenKey, TokenSource> sources = new ConcurrentHashMap<>();

    /**
     * @param store    where tokens are shared
     * @param client   how the vendor is asked
     * @param executor where fetches run
     * @param clock    the time source
     * @param timing   when to refresh and when to stop sending a token
     * @param backoff  how long to wait after failures
     */
    public TokenManager(TokenStore store, TokenClient client, Executor executor, Clock clock, RefreshTiming timing,
                        Backoff backoff) {
        this.store = store;
        this.client = client;
        this.executor = executor;
        this.clock = clock;
        this.timing = timing;
        this.backoff = backoff;
    }

    /** The source of the request's credential, made on first use. */
    public TokenSource source(Credential request) {
        return sources.computeIfAbsent(request.key(),
                key -> new TokenSource(request, key, store, client, executor, clock, timing, backoff));
    }

    /**
     * The source that issued the token of that text (its current or previous token), or {@code null}: how an API's 401
     * is traced back to a credential without keeping anything on the exchange.
     */
    public TokenSource sourceOf(String accessToken) {
        for (TokenSource source : sources.values()) {
            if (source.issued(accessToken)) {
                return source;
            }
        }
        return null;
    }

    /** Ends the sources' watches on the store. */
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
