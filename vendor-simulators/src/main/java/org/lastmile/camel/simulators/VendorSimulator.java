package org.lastmile.camel.simulators;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * One vendor's token endpoint and a small API it guards, as its page describes them; mounted on a {@link SimulatorServer}
 * under {@code /<name>}. A subclass decides, from the request alone, whether the vendor would grant a token, and answers
 * in the vendor's words when it would not.
 *
 * <p>
 * What tests read: token calls (in all, and by grant type), API calls, the tokens issued, and why requests were refused.
 * What tests turn: the lifetime of the tokens, how long a token call takes, refusing every grant with a message, and
 * forgetting the refresh tokens issued so far. Every counter and knob is safe to use from any thread.
 */
public abstract class VendorSimulator {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String name;
    private final String tokenPath;
    private final String apiPath;
    private final VendorCredentials credentials;
    private final Clock clock;
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final Map<String, AtomicInteger> tokenCallsByGrant = new ConcurrentHashMap<>();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final Map<String, IssuedToken> issued = new ConcurrentHashMap<>();
    private final AtomicReference<IssuedToken> lastIssued = new AtomicReference<>();
    private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private volatile Duration lifetime = Duration.ofHours(1);
    private volatile Duration tokenDelay = Duration.ZERO;
    private volatile String refuseEveryGrant;
    private volatile String mountedAt;

    /**
     * @param name        the path prefix it is mounted under, such as {@code woop}
     * @param tokenPath   the token endpoint's path below {@code /<name>}, where the vendor's page puts it
     * @param apiPath     the guarded API's path below {@code /<name>}
     * @param credentials the only credentials it accepts
     * @param clock       the clock of expiry
     */
    protected VendorSimulator(String name, String tokenPath, String apiPath, VendorCredentials credentials, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.tokenPath = Objects.requireNonNull(tokenPath, "tokenPath");
        this.apiPath = Objects.requireNonNull(apiPath, "apiPath");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    final String tokenPath() {
        return tokenPath;
    }

    /** Further paths that take token requests, such as a refresh URL of their own; none by default. */
    protected List<String> otherTokenPaths() {
        return List.of();
    }

    final String apiPath() {
        return apiPath;
    }

    /** The vendor's answer to a token request: a token by {@link #issue}, or a refusal by {@link #refuse}. */
    protected abstract Answer grant(Request request);

    /** The vendor's answer to a request it refuses, in its own error format, with {@code message}. */
    protected abstract Answer refusal(String message);

    /** The vendor's answer to an API call without a valid token of its own. */
    protected abstract Answer apiRefusal();

    /** The prefix it is mounted under. */
    public final String name() {
        return name;
    }

    /** The credentials it accepts. */
    protected final VendorCredentials credentials() {
        return credentials;
    }

    /** Its token endpoint's URL. */
    public final String tokenUrl() {
        return url(tokenPath());
    }

    /** The URL of {@code path} below its prefix, such as the API or a second token path. */
    public final String url(String path) {
        if (mountedAt == null) {
            throw new IllegalStateException(name + " is on no server yet");
        }
        return mountedAt + path;
    }

    /** Its base URL, {@code http://127.0.0.1:<port>/<name>}: what the examples call the vendor's API URL. */
    public final String baseUrl() {
        return url("");
    }

    final void mountAt(String url) {
        mountedAt = url;
    }

    /** Tokens issued from now on live {@code lifetime}; one hour unless told. */
    public final void lifetime(Duration lifetime) {
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /** The lifetime of the tokens it issues. */
    public final Duration lifetime() {
        return lifetime;
    }

    /** Each token call takes {@code delay} before it is answered, as a slow vendor's would; none unless told. */
    public final void tokenDelay(Duration delay) {
        this.tokenDelay = Objects.requireNonNull(delay, "delay");
    }

    /** Every token request is refused, in the vendor's error format, with {@code message}; {@code null} grants again. */
    public final void refuseEveryGrant(String message) {
        this.refuseEveryGrant = message;
    }

    /** Forgets every refresh token issued so far: the next refresh is refused, as after the vendor revoked them. */
    public final void revokeRefreshTokens() {
        refreshTokens.clear();
    }

    /** Forgets the tokens issued so far (the API refuses them from now on): for measurements of the client's memory. */
    public void forgetIssuedTokens() {
        issued.clear();
        lastIssued.set(null);
    }

    /** Token requests answered, granted or not. */
    public final int tokenCalls() {
        return tokenCalls.get();
    }

    /** Token requests that named {@code grantType} ({@code "none"} for those that named none). */
    public final int tokenCalls(String grantType) {
        AtomicInteger calls = tokenCallsByGrant.get(grantType);
        return calls == null ? 0 : calls.get();
    }

    /** API calls answered, with a valid token or not. */
    public final int apiCalls() {
        return apiCalls.get();
    }

    /** Tokens issued. */
    public final int tokensIssued() {
        return tokensIssued.get();
    }

    /** The token issued last, or {@code null}. */
    public final IssuedToken lastIssued() {
        return lastIssued.get();
    }

    /** The token an {@code Authorization: Bearer} header carries, if this vendor issued it; else {@code null}. */
    public final IssuedToken issuedFor(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ")
                ? issued.get(authorization.substring("Bearer ".length())) : null;
    }

    /** The token of that text, if this vendor issued it; else {@code null}. */
    protected final IssuedToken issued(String value) {
        return value == null ? null : issued.get(value);
    }

    /** The time of this vendor's clock. */
    protected final Instant now() {
        return clock.instant();
    }

    /** Why each refused token request was refused, in order: what a test that strays should print. */
    public final List<String> refusals() {
        return List.copyOf(refusals);
    }

    final Answer handleToken(Request request) throws InterruptedException {
        tokenCalls.incrementAndGet();
        tokenCallsByGrant.computeIfAbsent(request.grantType(), grant -> new AtomicInteger()).incrementAndGet();
        Thread.sleep(tokenDelay.toMillis());
        String refused = refuseEveryGrant;
        return refused != null ? refuse("told to refuse every grant", refusal(refused)) : grant(request);
    }

    final Answer handleApi(Request request) {
        apiCalls.incrementAndGet();
        return api(request);
    }

    /** The API's answer: its data for a valid bearer token of this vendor, else {@link #apiRefusal()}. */
    protected Answer api(Request request) {
        IssuedToken token = issuedFor(request.header("Authorization"));
        if (token == null || !clock.instant().isBefore(token.expiresAt())) {
            return apiRefusal();
        }
        return apiData();
    }

    /** What the API answers a caller it accepts. */
    protected final Answer apiData() {
        return Answer.ok("{\"vendor\":\"" + name + "\",\"items\":[{\"id\":\"A-1\"}]}");
    }

    /** Records why a request was refused, and returns the vendor's answer to it. */
    protected final Answer refuse(String why, Answer answer) {
        refusals.add(why);
        return answer;
    }

    /** Issues an opaque token for the lifetime, and remembers it for the API. */
    protected final IssuedToken issue(String grant, String audience) {
        return remember(UUID.randomUUID().toString(), grant, audience);
    }

    /** Issues an unsigned JWT whose {@code exp} claim carries the expiry, as vendors of JWT tokens do. */
    protected final IssuedToken issueJwt(String grant, String audience) {
        long exp = clock.instant().plus(lifetime).getEpochSecond();
        String claims = "{\"sub\":\"" + name + "\",\"jti\":\"" + UUID.randomUUID() + "\""
                + (audience == null ? "" : ",\"aud\":\"" + audience + "\"") + ",\"exp\":" + exp + "}";
        return remember(encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(claims) + ".simulated", grant, audience);
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private IssuedToken remember(String value, String grant, String audience) {
        Instant expiresAt = clock.instant().plus(lifetime);
        IssuedToken token = new IssuedToken(value, grant, audience, expiresAt);
        issued.put(value, token);
        lastIssued.set(token);
        tokensIssued.incrementAndGet();
        return token;
    }

    /** Issues a refresh token and remembers it until it is used up or revoked. */
    protected final String issueRefreshToken() {
        String refreshToken = UUID.randomUUID().toString().replace("-", "");
        refreshTokens.put(refreshToken, Boolean.TRUE);
        return refreshToken;
    }

    /** Whether {@code refreshToken} is one it issued and still honours; {@code consume} uses it up. */
    protected final boolean honours(String refreshToken, boolean consume) {
        if (refreshToken == null) {
            return false;
        }
        return consume ? refreshTokens.remove(refreshToken) != null : refreshTokens.containsKey(refreshToken);
    }

    /**
     * A token handed out beside the token endpoint, as a vendor's portal hands out a personal one: for callers that put a
     * fixed header on their requests and still want the API to accept it.
     */
    public final IssuedToken handOut() {
        return issue("none", null);
    }

    /** Whether {@code fields} are there and name exactly {@code names}, no more and no fewer. */
    protected static boolean exactly(Map<String, String> fields, String... names) {
        return fields != null && fields.keySet().equals(Set.of(names));
    }

    /** {@code text} as a JSON string, quotes included. */
    protected static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    /** Whether the request authenticates the client by HTTP Basic of the form-encoded id and secret (RFC 6749 §2.3.1). */
    protected final boolean basicOfFormEncoded(Request request) {
        return basic(java.net.URLEncoder.encode(credentials.clientId(), StandardCharsets.UTF_8),
                java.net.URLEncoder.encode(credentials.clientSecret(), StandardCharsets.UTF_8))
                .equals(request.header("Authorization"));
    }

    /** {@code Basic} of {@code id:secret} as they are, the way most vendors' pages show it. */
    protected static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + ", " + credentials + "]";
    }
}
