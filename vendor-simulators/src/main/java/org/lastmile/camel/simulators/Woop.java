package org.lastmile.camel.simulators;

import java.time.Clock;
import java.util.Map;

/**
 * Woop (Last-Mile), per its authentication page: {@code POST /oauth/token} with {@code Content-Type:
 * application/x-www-form-urlencoded} and nothing else, the four fields client_id, client_secret, audience
 * {@code https://retailer.last-mile.fr/} and grant_type {@code client_credentials}, no {@code Authorization} header; the
 * answer's {@code expires_in} is in milliseconds, and the token is a JWT unless told otherwise.
 */
public final class Woop extends VendorSimulator {

    /** The audience the page names. */
    public static final String AUDIENCE = "https://retailer.last-mile.fr/";
    private static final String FORM = "application/x-www-form-urlencoded";

    private volatile String audience = AUDIENCE;
    private volatile boolean jwt = true;

    /** A Woop account that accepts {@code credentials}; {@code clock} tells when its tokens expire. */
    public Woop(VendorCredentials credentials, Clock clock) {
        super("woop", "/oauth/token", "/api", credentials, clock);
    }

    /** The audience this account is enabled for; the page's unless told. */
    public void audience(String audience) {
        this.audience = audience;
    }

    /** Issues opaque tokens instead of JWTs, so that only {@code expires_in} tells the lifetime. */
    public void opaqueTokens() {
        jwt = false;
    }

    @Override
    protected Answer grant(Request request) {
        String type = request.header("Content-Type");
        if (!FORM.equals(type)) {
            return refuse("Content-Type " + type, new Answer(415, "{\"error\":\"invalid_request\","
                    + "\"error_description\":\"Content-Type must be application/x-www-form-urlencoded\"}"));
        }
        Map<String, String> form = request.form();
        if (request.has("Authorization") || !exactly(form, "client_id", "client_secret", "audience", "grant_type")) {
            return refuse("an Authorization header or other fields than the four of the page: " + request.headers().keySet()
                    + (form == null ? "" : " " + form.keySet()), refusal("Unauthorized"));
        }
        if (!credentials().clientId().equals(form.get("client_id"))
                || !credentials().clientSecret().equals(form.get("client_secret"))) {
            return refuse("unknown client", refusal("Unauthorized"));
        }
        if (!"client_credentials".equals(form.get("grant_type")) || !audience.equals(form.get("audience"))) {
            return refuse("grant " + form.get("grant_type") + " for audience " + form.get("audience"), new Answer(403,
                    "{\"error\":\"access_denied\",\"error_description\":"
                            + quoted("Service not enabled within domain: " + form.get("audience")) + "}"));
        }
        IssuedToken token = jwt ? issueJwt("client_credentials", audience) : issue("client_credentials", audience);
        return Answer.ok("{\"access_token\":\"" + token.value() + "\",\"token_type\":\"bearer\",\"expires_in\":"
                + lifetime().toMillis() + ",\"audience\":" + quoted(audience) + "}");
    }

    @Override
    protected Answer refusal(String message) {
        return new Answer(401, "{\"error\":\"access_denied\",\"error_description\":" + quoted(message) + "}");
    }

    @Override
    protected Answer apiRefusal() {
        return new Answer(401, "{\"message\":\"Unauthorized\"}");
    }
}
