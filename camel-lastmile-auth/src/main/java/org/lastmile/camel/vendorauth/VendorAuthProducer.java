package org.lastmile.camel.vendorauth;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.lastmile.camel.vendorauth.internal.policy.LocalToken;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enriches or invalidates, for the credential the exchange names (header {@link VendorAuthConstants#CREDENTIAL}) or the
 * endpoint's own. Asynchronous: an exchange that has to wait for a token (fetched by another thread or member) gives its
 * thread back and later resumes on the component's resume pool; an exchange for which a token is at hand completes at
 * once without I/O, locking or allocation beyond the header.
 */
public class VendorAuthProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(VendorAuthProducer.class);

    private final VendorAuthEndpoint endpoint;
    /** Whether the log was told once that proofs are left to the send-time signer. */
    private volatile boolean toldOfSigner;

    public VendorAuthProducer(VendorAuthEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        TokenHandle handle;
        try {
            handle = endpoint.handle(exchange);
        } catch (RuntimeException e) {
            // a name that is none, unknown, or whose options make no credential: this exchange fails, nothing is kept
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return endpoint.getOperation() == VendorAuthOperation.invalidate
                ? invalidate(handle, exchange, callback) : enrich(handle, exchange, callback);
    }

    private boolean enrich(TokenHandle handle, Exchange exchange, AsyncCallback callback) {
        // for a 401 on the API call: which source the header's token came from (VendorAuthRetry)
        exchange.setProperty(VendorAuthRetry.TOKEN_SOURCE, handle);
        LocalToken token = handle.source().tryNow();
        if (token != null) {
            if (handle.name() != null && handle.source().refreshDue(token)) {
                endpoint.named().recheck(handle, token);
            }
            apply(exchange.getMessage(), handle, token);
            callback.done(true);
            return true;
        }
        awaitToken(handle).whenCompleteAsync((fetched, failure) -> {
            if (failure != null) {
                exchange.setException(unwrap(failure));
            } else {
                exchange.setProperty(VendorAuthRetry.TOKEN_SOURCE, fetched.handle());
                apply(exchange.getMessage(), fetched.handle(), fetched.token());
            }
            callback.done(false);
        }, handle.resumeExecutor());
        return false;
    }

    /** A token and the handle it came from, which differs from the one asked when a refusal renewed the credential. */
    private record Fetched(TokenHandle handle, LocalToken token) {
    }

    /**
     * The token of the handle; when the token endpoint refuses a named credential, the provider is asked again and the
     * exchange is answered with the renewed credential's token rather than the refusal.
     */
    private CompletableFuture<Fetched> awaitToken(TokenHandle handle) {
        if (handle.name() == null) {
            return handle.live().await().thenApply(token -> new Fetched(handle, token));
        }
        Object renewing = handle.served();
        if (renewing != null && handle.firstRecheckFor(renewing)) {
            // a renewal: the provider is asked again first, off this thread, so a rotated secret is used at once
            return CompletableFuture.supplyAsync(() -> endpoint.named().current(handle), handle.resumeExecutor())
                    .thenCompose(this::awaitRenewing);
        }
        return awaitRenewing(handle);
    }

    private CompletableFuture<Fetched> awaitRenewing(TokenHandle handle) {
        CompletableFuture<Fetched> first = handle.live().await().thenApply(token -> new Fetched(handle, token));
        return first.handle((fetched, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(fetched);
            }
            if (!(unwrap(failure) instanceof TokenEndpointException refusal && refusal.isCredentialRefused())) {
                return CompletableFuture.<Fetched>failedFuture(unwrap(failure));
            }
            TokenHandle renewed;
            try {
                renewed = endpoint.named().renewed(handle);
            } catch (RuntimeException lookup) {
                refusal.addSuppressed(lookup);
                return CompletableFuture.<Fetched>failedFuture(refusal);
            }
            if (renewed == null) {
                return CompletableFuture.<Fetched>failedFuture(refusal);
            }
            return renewed.live().await().thenApply(token -> new Fetched(renewed, token));
        }).thenCompose(next -> next);
    }

    private void apply(Message message, TokenHandle handle, LocalToken token) {
        if (handle.name() != null) {
            handle.served(token);
        }
        if (!token.bound()) {
            message.setHeader(VendorAuthConstants.AUTHORIZATION, token.authorization());
        } else if (!DpopExchange.apply(message, token.token(), handle.dpopRequests()) && !toldOfSigner) {
            toldOfSigner = true;
            LOG.info("Exchanges of {} carry no CamelHttpUri header, so their DPoP proof cannot be made before the call;"
                    + " it is left to VendorAuthDpopSigner, the httpClientConfigurer of camel-http", endpoint);
        }
        String apiBaseUrl = handle.apiBaseUrl();
        if (apiBaseUrl != null) {
            message.setHeader(VendorAuthConstants.BASE_URL, apiBaseUrl);
        }
    }

    private boolean invalidate(TokenHandle handle, Exchange exchange, AsyncCallback callback) {
        String token = token(exchange.getMessage().getHeader(VendorAuthConstants.AUTHORIZATION, String.class));
        if (token == null) {
            exchange.getMessage().setHeader(VendorAuthConstants.INVALIDATED, false);
            callback.done(true);
            return true;
        }
        handle.live().invalidate(token).whenCompleteAsync((removed, failure) -> {
            if (failure != null) {
                exchange.setException(unwrap(failure));
            } else {
                exchange.getMessage().setHeader(VendorAuthConstants.INVALIDATED, removed);
            }
            callback.done(false);
        }, handle.resumeExecutor());
        return false;
    }

    /** The token of a {@code Bearer} or {@code DPoP} header value, whatever its case, or {@code null}. */
    static String token(String header) {
        String bearer = bearerToken(header);
        return bearer != null ? bearer : DpopExchange.dpopToken(header);
    }

    /** The token of a {@code Bearer} header value, whatever its case, or {@code null}. */
    static String bearerToken(String header) {
        if (header == null || header.length() <= 7 || !header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
