package org.lastmile.camel.vendorauth;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletionException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.AsyncProcessorSupport;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;
import org.lastmile.camel.vendorauth.internal.policy.LocalToken;

/**
 * Recovers from an API that refuses the token: the failed call is retried once, and only once, with a fresh token. In a
 * {@link RouteBuilder}, one line before the routes:
 *
 * <pre>{@code
 * public void configure() {
 *     VendorAuthRetry.retryOnceWhenUnauthorized(this);
 *     from("direct:orders").to("vendorauth:oauth2?...").to("https://api.example.com/orders");
 * }
 * }</pre>
 *
 * It is Camel's own error handling: an {@code onException} for HTTP failures that are {@link #unauthorized()}, which
 * {@linkplain #renewToken() renews the token} without holding a thread, sends the exchange once more to the endpoint that
 * failed (Camel's {@link Exchange#FAILURE_ENDPOINT}) at the very URI that failed (a {@code toD} that Camel optimises
 * keeps its path and query in headers it has removed by then), and continues the route after it. Only the failed call is repeated;
 * a second refusal, or a renewal the token endpoint refuses, ends the exchange with that error; other errors pass through
 * untouched. The pieces are public, for routes that assemble their own error handling.
 */
public final class VendorAuthRetry {

    /**
     * The exchange property in which the producer leaves the handle of the token source whose token it put on the
     * exchange: how a refusal is traced back to its credential, whichever credential the exchange chose. It holds no
     * secret in sight.
     */
    static final String TOKEN_SOURCE = "CamelVendorAuthTokenSource";
    /** Where {@link #renewToken()} keeps the exchange's own {@link Exchange#HTTP_URI} header for {@link #afterRepeat()}. */
    private static final String OWN_HTTP_URI = "CamelVendorAuthOwnHttpUri";
    /** The exchange had no {@link Exchange#HTTP_URI} header (Camel drops a property set to {@code null}). */
    private static final String NO_HTTP_URI = "";

    private VendorAuthRetry() {
    }

    /**
     * Adds to the builder's routes an {@code onException} that retries an unauthorized HTTP call once with a fresh token.
     * Call it in {@code configure()} before the routes.
     */
    public static void retryOnceWhenUnauthorized(RouteBuilder builder) {
        builder.onException(HttpOperationFailedException.class)
                .onWhen(unauthorized())
                .continued(true)
                .process(renewToken())
                .toD("${exchangeProperty." + Exchange.FAILURE_ENDPOINT + "}")
                .process(afterRepeat());
    }

    /**
     * Whether the exchange failed because the API refused its token: HTTP 401, or a vendor's own expired-token answer in
     * another status (such as Dataloy's {@code {"message":"Token expired."}}).
     */
    public static Predicate unauthorized() {
        return exchange -> {
            HttpOperationFailedException failure = httpFailure(exchange);
            if (failure == null) {
                return false;
            }
            if (failure.getStatusCode() == 401) {
                return true;
            }
            String body = failure.getResponseBody();
            return body != null && body.toLowerCase(Locale.ROOT).contains("token expired");
        };
    }

    /**
     * Drops the token the exchange carries, if it is still its credential's current token (cluster-wide), and puts a fresh
     * one on the exchange. Asynchronous: no thread waits for the fresh token. When none comes, the exchange fails with the
     * token endpoint's error. An exchange without a vendorauth token is left as it is.
     */
    public static AsyncProcessor renewToken() {
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                String refused = VendorAuthProducer.token(
                        exchange.getMessage().getHeader(VendorAuthConstants.AUTHORIZATION, String.class));
                Object used = exchange.getProperty(TOKEN_SOURCE);
                if (refused == null || !(used instanceof TokenHandle handle) || handle.live() == null) {
                    // not one of ours: the retry goes out as it is, and fails as it would have
                    callback.done(true);
                    return true;
                }
                TokenSource source = handle.live();
                HttpOperationFailedException refusal = httpFailure(exchange);
                DpopRequests dpop = handle.dpopRequests();
                if (refusal != null && refusal.getUri() != null && dpop.keyFor(refused) != null) {
                    String nonce = DpopExchange.nonceChallenge(refusal);
                    LocalToken current = source.tryNow();
                    if (nonce != null && dpop.rememberNonce(URI.create(refusal.getUri()), nonce) && current != null
                        && refused.equals(current.token().value())) {
                        // RFC 9449 §9: the API wants its nonce in the proof; the token stays good, no token call
                        repeatAt(exchange, refusal);
                        DpopExchange.apply(exchange.getMessage(), current.token(), dpop);
                        callback.done(true);
                        return true;
                    }
                }
                source.invalidate(refused).thenCompose(removed -> source.await()).whenCompleteAsync((fresh, failure) -> {
                    if (failure != null) {
                        exchange.setException(failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                    } else {
                        Message message = exchange.getMessage();
                        message.setHeader(VendorAuthConstants.AUTHORIZATION, fresh.authorization());
                        repeatAt(exchange, refusal);
                        if (fresh.bound()) {
                            DpopExchange.apply(message, fresh.token(), dpop);
                        }
                    }
                    callback.done(false);
                }, handle.resumeExecutor());
                return false;
            }
        };
    }

    /** The repeat goes to the URI that failed; the exchange's own {@code CamelHttpUri} is kept for {@link #afterRepeat()}. */
    private static void repeatAt(Exchange exchange, HttpOperationFailedException refusal) {
        if (refusal != null && refusal.getUri() != null) {
            Message message = exchange.getMessage();
            Object own = message.getHeader(Exchange.HTTP_URI);
            exchange.setProperty(OWN_HTTP_URI, own == null ? NO_HTTP_URI : own);
            message.setHeader(Exchange.HTTP_URI, refusal.getUri());
        }
    }

    /**
     * After the repeated call: gives the exchange back the {@link Exchange#HTTP_URI} header it had, so that later HTTP
     * calls of the route go where they would have gone.
     */
    public static Processor afterRepeat() {
        return exchange -> {
            Object own = exchange.removeProperty(OWN_HTTP_URI);
            if (NO_HTTP_URI.equals(own)) {
                exchange.getMessage().removeHeader(Exchange.HTTP_URI);
            } else if (own != null) {
                exchange.getMessage().setHeader(Exchange.HTTP_URI, own);
            }
        };
    }

    private static HttpOperationFailedException httpFailure(Exchange exchange) {
        Throwable failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpOperationFailedException http) {
                return http;
            }
        }
        return null;
    }
}
