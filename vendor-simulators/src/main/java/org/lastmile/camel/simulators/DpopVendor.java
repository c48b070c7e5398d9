package org.lastmile.camel.simulators;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth 2.0 server and API that demand DPoP (RFC 9449), served as {@code dpop}, strict where the RFC lets a server be:
 * {@code POST /token} takes grant_type {@code client_credentials}, the client by HTTP Basic of the form-encoded id and
 * secret, and a valid proof (see {@link DpopProofCheck}); it answers {@code token_type} {@code DPoP} with a token bound to
 * the proof's key ({@code cnf.jkt}). {@code /api/orders} takes {@code Authorization: DPoP <token>} with a proof of the same
 * key, its method and URI, and the token's {@code ath}; a DPoP-bound token sent as {@code Bearer} is refused (§7.2).
 * Either side may demand its own nonce: the token endpoint with 400 {@code use_dpop_nonce}, the API with 401 and
 * {@code WWW-Authenticate: DPoP error="use_dpop_nonce"}, both with a {@code DPoP-Nonce} header.
 */
public final class DpopVendor extends VendorSimulator {

    private final DpopProofCheck proofs = new DpopProofCheck();
    private final Map<String, String> boundTo = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> proofsByThumbprint = new ConcurrentHashMap<>();
    private final AtomicInteger tokenNonceChallenges = new AtomicInteger();
    private final AtomicInteger apiNonceChallenges = new AtomicInteger();
    private volatile String tokenNonce;
    private volatile String apiNonce;
    private volatile boolean answerBearer;

    /** A server with one client that accepts {@code credentials}; {@code clock} tells when its tokens expire. */
    public DpopVendor(VendorCredentials credentials, Clock clock) {
        super("dpop", "/token", "/api/orders", credentials, clock);
    }

    /** From now on the token endpoint demands a new nonce in each proof; {@code false} stops demanding one. */
    public void requireTokenNonce(boolean require) {
        tokenNonce = require ? newNonce() : null;
    }

    /** From now on the API demands a new nonce in each proof; {@code false} stops demanding one. */
    public void requireApiNonce(boolean require) {
        apiNonce = require ? newNonce() : null;
    }

    /** The token endpoint answers {@code token_type} {@code Bearer} and binds nothing, as a server without DPoP would. */
    public void answerBearer(boolean bearer) {
        answerBearer = bearer;
    }

    /** Forgets every token issued so far: the API refuses them with {@code invalid_token}, as after a revocation. */
    public void revokeTokens() {
        boundTo.clear();
    }

    /** Token requests refused for want of the current nonce. */
    public int tokenNonceChallenges() {
        return tokenNonceChallenges.get();
    }

    /** API calls refused for want of the current nonce. */
    public int apiNonceChallenges() {
        return apiNonceChallenges.get();
    }

    /** Accepted proofs, token endpoint and API together, by the thumbprint of their key. */
    public Map<String, Integer> proofsByThumbprint() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        proofsByThumbprint.forEach((thumbprint, count) -> counts.put(thumbprint, count.get()));
        return counts;
    }

    /** The thumbprint ({@code cnf.jkt}) {@code token} is bound to, or {@code null} for an unbound or unknown token. */
    public String boundThumbprint(IssuedToken token) {
        return token == null ? null : boundTo.get(token.value());
    }

    @Override
    protected Answer grant(Request request) {
        if (!basicOfFormEncoded(request)) {
            return refuse("not Basic of the form-encoded id and secret", new Answer(401, "{\"error\":\"invalid_client\"}"));
        }
        Map<String, String> form = request.form();
        if (form == null || !exactly(form, "grant_type") || !"client_credentials".equals(form.get("grant_type"))) {
            return refuse("not a form of grant_type client_credentials alone", new Answer(400,
                    "{\"error\":\"invalid_request\"}"));
        }
        DpopProofCheck.Accepted proof;
        try {
            proof = proofs.check(request.header("DPoP"), "POST", tokenUrl(), null, now());
        } catch (DpopProofCheck.Refused e) {
            return refuse("token request proof: " + e.getMessage(), new Answer(400, "{\"error\":\"invalid_dpop_proof\","
                    + "\"error_description\":" + quoted(e.getMessage()) + "}"));
        }
        String nonce = tokenNonce;
        if (nonce != null && !nonce.equals(proof.nonce())) {
            tokenNonceChallenges.incrementAndGet();
            return refuse("token request proof without the current nonce", new Answer(400, "{\"error\":\"use_dpop_nonce\","
                    + "\"error_description\":\"Authorization server requires nonce in DPoP proof\"}",
                    Map.of("DPoP-Nonce", nonce)));
        }
        count(proof);
        IssuedToken token = issue("client_credentials", null);
        if (answerBearer) {
            return Answer.ok("{\"access_token\":\"" + token.value() + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + lifetime().toSeconds() + "}");
        }
        boundTo.put(token.value(), proof.thumbprint());
        return Answer.ok("{\"access_token\":\"" + token.value() + "\",\"token_type\":\"DPoP\",\"expires_in\":"
                + lifetime().toSeconds() + "}");
    }

    @Override
    protected Answer api(Request request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "DPoP ", 0, 5)) {
            return refuseApi("invalid_token", "not the DPoP scheme");
        }
        String value = authorization.substring(5);
        IssuedToken token = issued(value);
        String jkt = boundTo.get(value);
        if (token == null || jkt == null || !now().isBefore(token.expiresAt())) {
            return refuseApi("invalid_token", "no valid DPoP-bound token of this server");
        }
        DpopProofCheck.Accepted proof;
        try {
            proof = proofs.check(request.header("DPoP"), request.method(), url(request.path()),
                    DpopProofCheck.sha256(value), now());
        } catch (DpopProofCheck.Refused e) {
            return refuseApi("invalid_dpop_proof", e.getMessage());
        }
        if (!jkt.equals(proof.thumbprint())) {
            return refuseApi("invalid_dpop_proof", "the proof's key is not the one the token is bound to");
        }
        String nonce = apiNonce;
        if (nonce != null && !nonce.equals(proof.nonce())) {
            apiNonceChallenges.incrementAndGet();
            return refuse("API proof without the current nonce", new Answer(401, "{\"error\":\"use_dpop_nonce\"}",
                    Map.of("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", error_description=\"Resource server"
                            + " requires nonce in DPoP proof\"", "DPoP-Nonce", nonce)));
        }
        count(proof);
        return apiData();
    }

    private Answer refuseApi(String error, String why) {
        return refuse("API: " + why, new Answer(401, "{\"error\":\"" + error + "\"}",
                Map.of("WWW-Authenticate", "DPoP algs=\"ES256\", error=\"" + error + "\"")));
    }

    private void count(DpopProofCheck.Accepted proof) {
        proofsByThumbprint.computeIfAbsent(proof.thumbprint(), thumbprint -> new AtomicInteger()).incrementAndGet();
    }

    private static String newNonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    protected Answer refusal(String message) {
        return new Answer(400, "{\"error\":\"invalid_grant\",\"error_description\":" + quoted(message) + "}");
    }

    @Override
    protected Answer apiRefusal() {
        return refuseApi("invalid_token", "no valid token");
    }
}
