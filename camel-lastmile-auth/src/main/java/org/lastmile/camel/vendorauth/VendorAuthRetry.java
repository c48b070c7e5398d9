package org.lastmile.camel.vendorauth;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.lastmile.camel.vendorauth.internal.policy.LocalToken;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;

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
 * It is Camel's own redelivery: an {@code onException} for HTTP failures that are {@link #unauthorized()}, with one
 * redelivery and no delay, whose {@code onRedelivery} step ({@link #renewToken()}) drops the refused token, if it is still
 * the current one, and puts a fresh one on the exchange. Only the failed call is repeated; other errors pass through
 * untouched. The pieces are public, for routes that assemble their own error handling.
 */
public final class VendorAuthRetry {

    private VendorAuthRetry() {
    }

    /**
     * Adds to the builder's routes an {@code onException} that retries an unauthorized HTTP call once with a fresh token.
     * Call it in {@code configure()} before the routes.
     */
    public static void retryOnceWhenUnauthorized(RouteBuilder builder) {
        builder.onException(HttpOperationFailedException.class)
                .onWhen(unauthorized())
                .maximumRedeliveries(1)
                .redeliveryDelay(0)
                .onRedelivery(renewToken());
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
     * one on the exchange. Waits for the fresh token, within the token endpoint's timeouts: it runs only on the rare
     * redelivery after a refusal.
     */
    public static Processor renewToken() {
        return exchange -> {
            String refused = VendorAuthProducer.bearerToken(
                    exchange.getMessage().getHeader(VendorAuthConstants.AUTHORIZATION, String.class));
            if (refused == null) {
                return;
            }
            VendorAuthComponent component = exchange.getContext().getComponent("vendorauth", VendorAuthComponent.class);
            TokenSource source = component.tokenManager().sourceOf(refused);
            if (source == null) {
                // not one of ours (or long replaced): the retry goes out as it is, and fails as it would have
                return;
            }
            Duration bound = component.tokenWaitBound();
            source.invalidate(refused).get(bound.toMillis(), TimeUnit.MILLISECONDS);
            LocalToken fresh = source.await().get(bound.toMillis(), TimeUnit.MILLISECONDS);
            exchange.getMessage().setHeader(VendorAuthConstants.AUTHORIZATION, fresh.authorization());
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
