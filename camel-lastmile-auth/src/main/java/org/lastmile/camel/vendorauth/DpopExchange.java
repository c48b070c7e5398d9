package org.lastmile.camel.vendorauth;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.lastmile.camel.vendorauth.internal.oauth.DpopProofs;
import org.lastmile.camel.vendorauth.spi.AccessToken;

/**
 * What DPoP asks of an exchange bound for camel-http: {@code Authorization: DPoP <token>} and a {@code DPoP} proof for the
 * call the route is about to make. The proof's method is camel-http's own choice ({@code CamelHttpMethod}, else
 * {@code POST} when the body is not {@code null}, else {@code GET}); its URI is {@code CamelHttpUri}. Without that header
 * the URI is not known before the send, and the proof is left to {@link VendorAuthDpopSigner}.
 */
final class DpopExchange {

    /** {@code error="use_dpop_nonce"} in a {@code WWW-Authenticate: DPoP} challenge (RFC 9449 §9). */
    private static final Pattern NONCE_CHALLENGE = Pattern.compile("(?i)^\\s*DPoP\\b.*\\berror\\s*=\\s*\"?use_dpop_nonce\\b.*");

    private DpopExchange() {
    }

    /**
     * Puts the bound token and, when the call's URI is known, its proof on the message.
     *
     * @return whether a proof was made (else the send-time signer must make it)
     */
    static boolean apply(Message message, AccessToken token, DpopRequests requests) {
        message.setHeader(VendorAuthConstants.AUTHORIZATION, requests.authorization(token));
        URI uri = uri(message);
        if (uri == null) {
            message.removeHeader(DpopProofs.HEADER);
            return false;
        }
        message.setHeader(DpopProofs.HEADER, requests.proof(token.dpopKey(), method(message), uri, token.value()));
        return true;
    }

    /** The method camel-http will use. */
    static String method(Message message) {
        String method = message.getHeader(Exchange.HTTP_METHOD, String.class);
        if (method != null && !method.isBlank()) {
            return method.trim().toUpperCase(Locale.ROOT);
        }
        return message.getBody() != null ? "POST" : "GET";
    }

    /** The absolute URI in {@code CamelHttpUri}, or {@code null}. */
    static URI uri(Message message) {
        String text = message.getHeader(Exchange.HTTP_URI, String.class);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(text.trim());
            return uri.isAbsolute() && uri.getRawAuthority() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The nonce of an API's {@code use_dpop_nonce} challenge (401, {@code WWW-Authenticate: DPoP error="use_dpop_nonce"},
     * {@code DPoP-Nonce}), or {@code null} when the refusal is anything else.
     */
    static String nonceChallenge(HttpOperationFailedException refusal) {
        if (refusal.getStatusCode() != 401 || refusal.getResponseHeaders() == null) {
            return null;
        }
        String challenge = header(refusal.getResponseHeaders(), "WWW-Authenticate");
        return challenge != null && NONCE_CHALLENGE.matcher(challenge).matches()
                ? header(refusal.getResponseHeaders(), DpopProofs.NONCE_HEADER) : null;
    }

    /** The token of a {@code DPoP} header value, whatever its case, or {@code null}. */
    static String dpopToken(String header) {
        if (header == null || header.length() <= 5 || !header.regionMatches(true, 0, "DPoP ", 0, 5)) {
            return null;
        }
        String token = header.substring(5).trim();
        return token.isEmpty() ? null : token;
    }

    /** A header by name in any case: servers and HTTP stacks spell them as they like. */
    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
