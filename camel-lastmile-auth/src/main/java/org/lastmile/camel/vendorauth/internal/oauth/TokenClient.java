package org.lastmile.camel.vendorauth.internal.oauth;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.lastmile.camel.vendorauth.internal.profile.BodyFormat;
import org.lastmile.camel.vendorauth.internal.profile.ClientAuthentication;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.CredentialName;
import org.lastmile.camel.vendorauth.internal.profile.Grant;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.DpopKey;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one token request and reads the answer. It has its own small connection pools (one per TLS context and proxy, see
 * {@link TokenHttpClients}), so that a token call never waits behind the API calls it serves (camel-http's OAuth2 shares one pool and deadlocks when the token endpoint and the API
 * share a host), and it neither retries nor follows redirects: retries are the {@link TokenManager}'s business.
 */
public final class TokenClient implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenClient.class);

    /** Answers larger than this are refused rather than read: a token answer is a few kilobytes. */
    static final int MAX_BODY = 1 << 20;
    /** The longest {@code Retry-After} honoured. */
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final TokenHttpClients clients;
    private final ClientAssertionSigner signer = new ClientAssertionSigner();
    private final DpopTokenRequests dpop = new DpopTokenRequests();
    private final TokenResponseParser parser = new TokenResponseParser();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    /** Bound on the whole exchange, connection included: the socket timeout alone lets an answer drip in for ever. */
    private final long answerNanos;
    /**
     * Aborts exchanges that outlive {@link #answerNanos}. A deadline cancelled because its answer came is removed at once:
     * otherwise it would hold its request, body included, for the whole timeout, once per token fetched.
     */
    private final ScheduledThreadPoolExecutor deadlines = deadlineTimer();

    private static ScheduledThreadPoolExecutor deadlineTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "VendorAuthTokenDeadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * @param connectTimeout  bound on opening a connection
     * @param responseTimeout bound on waiting for the answer
     * @param maxConnections  size of each pool: one per TLS context and proxy, shared by the token endpoints using them
     * @param clock           the time source
     */
    public TokenClient(Duration connectTimeout, Duration responseTimeout, int maxConnections, Clock clock) {
        this.clock = clock;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.answerNanos = connectTimeout.plus(responseTimeout).toNanos();
        this.clients = new TokenHttpClients(connectTimeout, responseTimeout, maxConnections);
    }

    /** Asks for a new token with the credential's primary grant; a DPoP credential binds it to a new key. */
    public AccessToken requestToken(Credential credential) {
        return requestToken(credential, credential.dpop() == null ? null : credential.dpop().keyFor(null));
    }

    /**
     * Asks for a new token with the credential's primary grant.
     *
     * @param dpopKey the key to bind the token to (DPoP), or {@code null} for a bearer token
     */
    public AccessToken requestToken(Credential credential, DpopKey dpopKey) {
        return send(credential, credential.grant(), credential.tokenUrl(), credential.client().authentication(),
                credential.endpoint().bodyFormat(), credential.parameters().values(), dpopKey);
    }

    /**
     * Asks for a new token with a refresh token (RFC 6749 §6). The answer keeps {@code refreshToken} when it carries none
     * of its own.
     */
    public AccessToken refreshToken(Credential credential, AccessToken current) {
        return refreshToken(credential, current,
                credential.dpop() == null ? null : credential.dpop().keyFor(current.dpopKey()));
    }

    /**
     * Asks for a new token with a refresh token, bound to {@code dpopKey} (DPoP; {@code null} for a bearer token): a
     * refresh token of a public client is bound to the key of its first token (RFC 9449 §5), so the key is kept.
     */
    public AccessToken refreshToken(Credential credential, AccessToken current, DpopKey dpopKey) {
        Map<String, String> carried = new LinkedHashMap<>();
        for (String name : credential.refresh().carriedParameters()) {
            String value = credential.parameters().values().get(name);
            if (value != null) {
                carried.put(name, value);
            }
        }
        return send(credential, new Grant.Refresh(current, carried), credential.endpoint().refreshUrl(),
                credential.refreshClientAuthentication(), credential.refreshBodyFormat(), Map.of(), dpopKey)
                .keepingRefreshTokenOf(current);
    }

    /**
     * Writes the request (client authentication, then the grant, then further parameters) and sends it. What a vendor's
     * words must not repeat: the credential's secrets, the grant's, and whatever the decorators made for this request.
     */
    private AccessToken send(Credential credential, Grant grant, URI url, ClientAuthentication auth, BodyFormat format,
                             Map<String, String> parameters, DpopKey dpopKey) {
        if (dpopKey == null) {
            return send(credential, grant, url, auth, format, parameters, (DpopProof) null);
        }
        DpopProof proof = new DpopProof(dpopKey, dpop);
        AccessToken token;
        try {
            token = send(credential, grant, url, auth, format, parameters, proof);
        } catch (TokenEndpointException e) {
            if (!dpop.asksForNonce(e, url)) {
                throw e;
            }
            // RFC 9449 §8: once more, with the nonce the answer carried
            LOG.debug("The token endpoint of profile {} asks for its DPoP nonce; asking once more with it",
                    credential.profile());
            token = send(credential, grant, url, auth, format, parameters, proof);
        }
        return DpopTokenRequests.bind(token, dpopKey, credential.dpop(), credential.profile());
    }

    private AccessToken send(Credential credential, Grant grant, URI url, ClientAuthentication auth, BodyFormat format,
                             Map<String, String> parameters, DpopProof proof) {
        TokenRequest request = new TokenRequest(credential, url, clock.instant());
        ClientAuthenticator.of(auth, signer).decorate(request);
        if (proof != null) {
            proof.decorate(request);
        }
        grant.writeTo(request.writableBody());
        parameters.forEach(request::parameter);
        List<String> secrets = new ArrayList<>(credential.secrets());
        grant.secrets().forEach(secret -> {
            if (secret != null) {
                secrets.add(secret);
            }
        });
        secrets.addAll(request.secrets());
        // a method object rather than a plain request, so that reading the answer can abort the exchange
        HttpPost post = new HttpPost(url);
        post.addHeader(HttpHeaders.ACCEPT, "application/json");
        request.headers().forEach(post::addHeader);
        post.setEntity(encode(request.body(), format));
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, answerNanos, TimeUnit.NANOSECONDS);
        // a token's life counts from here: the vendor minted it after this instant, however late its answer arrives
        Instant sent = clock.instant();
        try {
            AccessToken token = clients.clientFor(credential.endpoint().transport())
                    .execute(post, response -> read(credential, url, post, response, secrets, sent));
            // once per token from the vendor, never per exchange: which credential got one, when, and for how long
            LOG.info("Token obtained for {} ({}), valid for {}", CredentialName.of(credential, credential.key()),
                    grant.wireName(), words(token.lifetime()));
            return token;
        } catch (TokenEndpointException e) {
            throw e;
        } catch (IOException e) {
            throw new TokenEndpointException(credential.profile(), TokenEndpointException.NO_RESPONSE, null,
                    problem(e, post.isCancelled(), url), null, e);
        } finally {
            deadline.cancel(false);
        }
    }

    private AccessToken read(Credential request, URI url, HttpPost exchange, ClassicHttpResponse response,
                             List<String> secrets, Instant sent) throws IOException {
        Instant now = clock.instant();
        int status = response.getCode();
        Header nonce = response.getFirstHeader(DpopProofs.NONCE_HEADER);
        if (nonce != null && request.dpop() != null) {
            dpop.answered(url, nonce.getValue());
        }
        byte[] body = readBounded(request, exchange, response);
        if (status == HttpStatus.SC_PROXY_AUTHENTICATION_REQUIRED) {
            // the proxy's answer, to a tunnel or a forwarded request, not the vendor's: say which options it concerns
            throw new TokenEndpointException(request.profile(), status, null, "the proxy asks for authentication; check"
                    + " proxyAuthUsername and proxyAuthPassword", null, null);
        }
        if (status / 100 == 2) {
            return parser.parseToken(request.profile(), status, body, request.expiry(), sent, secrets);
        }
        throw parser.parseError(request.profile(), status, body, retryAfter(response, now), secrets);
    }

    /**
     * The body, up to {@link #MAX_BODY} bytes. Refusing aborts the exchange first: that drops the connection, where
     * closing the stream or the response would read the rest of a huge answer so as to reuse it.
     */
    private static byte[] readBounded(Credential request, HttpPost exchange, ClassicHttpResponse response)
            throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) >= 0;) {
                out.write(chunk, 0, n);
                if (out.size() > MAX_BODY) {
                    exchange.cancel();
                    throw new TokenEndpointException(request.profile(), response.getCode(), null,
                            "the answer is larger than " + MAX_BODY + " bytes", null, null);
                }
            }
            return out.toByteArray();
        }
    }

    /**
     * {@code Retry-After} as seconds or as an HTTP date (RFC 9110 §10.2.3), at most {@link #MAX_RETRY_AFTER}: a wait of
     * years is a vendor's mistake, and one beyond what a {@code long} of milliseconds holds broke the back-off.
     */
    static Duration retryAfter(ClassicHttpResponse response, Instant now) {
        Header header = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        if (header == null || header.getValue() == null) {
            return null;
        }
        String value = header.getValue().trim();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    /**
     * The body, labelled with the bare media type: strict vendors reject a charset parameter, form bodies are ASCII once
     * percent-encoded, and JSON is UTF-8 by definition (RFC 8259).
     */
    private HttpEntity encode(Map<String, String> body, BodyFormat format) {
        ContentType type = ContentType.create(format.contentType());
        if (format == BodyFormat.JSON) {
            try {
                return new ByteArrayEntity(mapper.writeValueAsBytes(body), type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A map of strings could not be written as JSON", e);
            }
        }
        StringBuilder form = new StringBuilder();
        body.forEach((name, value) -> {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(formEncode(name)).append('=').append(formEncode(value));
        });
        return new ByteArrayEntity(form.toString().getBytes(StandardCharsets.US_ASCII), type);
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    /** What went wrong on the way to the token endpoint, in words, naming the option that bounds a wait. */
    private String problem(IOException e, boolean cancelled, URI url) {
        String where = url.getHost() + ":" + (url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80);
        if (cancelled) {
            return "no complete answer from " + where + " within " + words(connectTimeout.plus(responseTimeout))
                    + " (connectTimeout + responseTimeout)";
        }
        if (e instanceof ConnectTimeoutException) {
            return "no connection to " + where + " within " + words(connectTimeout) + " (connectTimeout)";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer from " + where + " within " + words(responseTimeout) + " (responseTimeout)";
        }
        if (e instanceof HttpHostConnectException refused && refused.getHost() != null) {
            // the host it tried, which is the proxy when one is in the way
            return "connection refused by " + refused.getHost().getHostName() + ":" + refused.getHost().getPort();
        }
        if (e instanceof ConnectException) {
            return "connection refused by " + where;
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + url.getHost();
        }
        return e.getClass().getSimpleName() + " talking to " + hostOf(url);
    }

    /** A duration as a person says it: {@code 10 s}, {@code 1.5 s}, {@code 250 ms}. */
    static String words(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return (millis % 1000 == 0 ? String.valueOf(millis / 1000)
                : BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString()) + " s";
    }

    private static String hostOf(URI url) {
        return url.getScheme() + "://" + url.getAuthority();
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        clients.close();
    }
}
