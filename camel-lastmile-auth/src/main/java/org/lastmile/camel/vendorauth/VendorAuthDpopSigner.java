package org.lastmile.camel.vendorauth;

import java.net.URI;
import java.net.URISyntaxException;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.lastmile.camel.vendorauth.internal.oauth.DpopProofs;
import org.lastmile.camel.vendorauth.spi.DpopKey;

/**
 * Signs DPoP proofs when camel-http sends, from the request's real method and URI: a route need not set
 * {@code CamelHttpUri} for the proof to match, and a {@code toD} to any URL is signed for that URL. Set it as camel-http's
 * {@code httpClientConfigurer} (on the {@code http}/{@code https} component, or per endpoint). It touches only requests
 * carrying {@code Authorization: DPoP <token>} with a token that this context's {@code vendorauth} component handed out;
 * their {@code DPoP} header is replaced by a fresh proof of that token's key. It also remembers the {@code DPoP-Nonce}
 * each server answers, so that the next proof (and the repeat after a {@code use_dpop_nonce} challenge) carries it.
 */
public class VendorAuthDpopSigner implements HttpClientConfigurer, CamelContextAware {

    private CamelContext camelContext;
    private volatile DpopRequests requests;

    /** A signer that finds the {@code vendorauth} component of the context it is given. */
    public VendorAuthDpopSigner() {
    }

    /** A signer for the tokens of {@code component}. */
    public VendorAuthDpopSigner(VendorAuthComponent component) {
        this.requests = component.dpopRequests();
        this.camelContext = component.getCamelContext();
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addRequestInterceptorLast(this::sign);
        builder.addResponseInterceptorLast(this::learnNonce);
    }

    private void sign(HttpRequest request, EntityDetails entity, HttpContext context) {
        Header authorization = request.getFirstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.getValue() == null
                || !authorization.getValue().regionMatches(true, 0, "DPoP ", 0, 5)) {
            return;
        }
        String token = authorization.getValue().substring(5).trim();
        DpopRequests known = requests();
        DpopKey key = known.keyFor(token);
        if (key == null) {
            return;
        }
        URI uri = uriOf(request);
        if (uri != null) {
            request.setHeader(DpopProofs.HEADER, known.proof(key, request.getMethod(), uri, token));
        }
    }

    private void learnNonce(HttpResponse response, EntityDetails entity, HttpContext context) {
        Header nonce = response.getFirstHeader(DpopProofs.NONCE_HEADER);
        if (nonce == null) {
            return;
        }
        HttpRequest request = HttpCoreContext.cast(context).getRequest();
        URI uri = request == null ? null : uriOf(request);
        if (uri != null) {
            requests().rememberNonce(uri, nonce.getValue());
        }
    }

    private static URI uriOf(HttpRequest request) {
        try {
            URI uri = request.getUri();
            return uri.isAbsolute() ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private DpopRequests requests() {
        DpopRequests known = requests;
        if (known == null) {
            if (camelContext == null) {
                throw new IllegalStateException("VendorAuthDpopSigner needs the CamelContext (it is CamelContextAware) or"
                        + " the vendorauth component");
            }
            known = camelContext.getComponent("vendorauth", VendorAuthComponent.class).dpopRequests();
            requests = known;
        }
        return known;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
