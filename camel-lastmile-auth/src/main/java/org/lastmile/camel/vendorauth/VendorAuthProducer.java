package org.lastmile.camel.vendorauth;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.lastmile.camel.vendorauth.internal.policy.LocalToken;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enriches or invalidates. Asynchronous: an exchange that has to wait for a token (fetched by another thread or member)
 * gives its thread back and later resumes on the component's resume pool; an exchange for which a token is at hand
 * completes at once without I/O, locking or allocation beyond the header.
 */
public class VendorAuthProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(VendorAuthProducer.class);

    private final VendorAuthEndpoint endpoint;
    private final String apiBaseUrl;
    /** Read on the hot path; replaced on the slow path when the manager dropped it for idleness. */
    private TokenSource source;
    private Executor resume;
    /** Whether the log was told once that proofs are left to the send-time signer. */
    private volatile boolean toldOfSigner;

    public VendorAuthProducer(VendorAuthEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.apiBaseUrl = endpoint.apiBaseUrl();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        source = endpoint.tokenSource();
        resume = endpoint.getComponent().resumeExecutor();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        return endpoint.getOperation() == VendorAuthOperation.invalidate
                ? invalidate(exchange, callback) : enrich(exchange, callback);
    }

    private boolean enrich(Exchange exchange, AsyncCallback callback) {
        // for a 401 on the API call: which credential the header's token came from (VendorAuthRetry)
        exchange.setProperty(VendorAuthRetry.ENDPOINT, endpoint);
        LocalToken token = source.tryNow();
        if (token != null) {
            apply(exchange.getMessage(), token);
            callback.done(true);
            return true;
        }
        source = endpoint.liveTokenSource();
        source.await().whenCompleteAsync((fetched, failure) -> {
            if (failure != null) {
                exchange.setException(unwrap(failure));
            } else {
                apply(exchange.getMessage(), fetched);
            }
            callback.done(false);
        }, resume);
        return false;
    }

    private void apply(Message message, LocalToken token) {
        if (token.token().dpopKey() == null) {
            message.setHeader(VendorAuthConstants.AUTHORIZATION, token.authorization());
        } else if (!DpopExchange.apply(message, token.token(), endpoint.getComponent().dpopRequests()) && !toldOfSigner) {
            toldOfSigner = true;
            LOG.info("Exchanges of {} carry no CamelHttpUri header, so their DPoP proof cannot be made before the call;"
                    + " it is left to VendorAuthDpopSigner, the httpClientConfigurer of camel-http", endpoint);
        }
        if (apiBaseUrl != null) {
            message.setHeader(VendorAuthConstants.BASE_URL, apiBaseUrl);
        }
    }

    private boolean invalidate(Exchange exchange, AsyncCallback callback) {
        String token = token(exchange.getMessage().getHeader(VendorAuthConstants.AUTHORIZATION, String.class));
        if (token == null) {
            exchange.getMessage().setHeader(VendorAuthConstants.INVALIDATED, false);
            callback.done(true);
            return true;
        }
        source = endpoint.liveTokenSource();
        source.invalidate(token).whenCompleteAsync((removed, failure) -> {
            if (failure != null) {
                exchange.setException(unwrap(failure));
            } else {
                exchange.getMessage().setHeader(VendorAuthConstants.INVALIDATED, removed);
            }
            callback.done(false);
        }, resume);
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
