package org.lastmile.camel.simulators;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Dataloy, per its authentication page: a token URL handed out per customer, a JSON payload of exactly client_id,
 * client_secret, audience and grant_type {@code client_credentials} and no {@code Authorization} header; the audience
 * {@code https://dataloy} in production, {@code https://dataloy.dev} in test and dev, or the page's example's
 * {@code https://dataloy.internal}; a JWT with {@code expires_in} in seconds; an expired token on the API gets 401 with
 * {@code "message": "Token expired."}.
 */
public final class Dataloy extends VendorSimulator {

    private static final Set<String> AUDIENCES = Set.of("https://dataloy", "https://dataloy.dev", "https://dataloy.internal");

    /** A Dataloy customer that accepts {@code credentials}; {@code clock} tells when its tokens expire. */
    public Dataloy(VendorCredentials credentials, Clock clock) {
        super("dataloy", "/oauth/token", "/ws/rest/Cargo", credentials, clock);
    }

    @Override
    protected Answer grant(Request request) {
        Map<String, String> body = "application/json".equals(request.header("Content-Type")) ? request.json() : null;
        if (request.has("Authorization") || !exactly(body, "client_id", "client_secret", "audience", "grant_type")) {
            return refuse("not the JSON payload of the page, or an Authorization header", refusal("Unauthorized"));
        }
        if (!credentials().clientId().equals(body.get("client_id"))
                || !credentials().clientSecret().equals(body.get("client_secret"))
                || !"client_credentials".equals(body.get("grant_type"))) {
            return refuse("unknown client or grant " + body.get("grant_type"), refusal("Unauthorized"));
        }
        String audience = body.get("audience");
        if (!AUDIENCES.contains(audience)) {
            return refuse("audience " + audience, new Answer(403, "{\"error\":\"access_denied\",\"error_description\":"
                    + quoted("Service not found: " + audience) + "}"));
        }
        return Answer.ok("{\"access_token\":\"" + issueJwt("client_credentials", audience).value() + "\",\"expires_in\":"
                + lifetime().toSeconds() + ",\"token_type\":\"Bearer\"}");
    }

    @Override
    protected Answer refusal(String message) {
        return new Answer(401, "{\"error\":\"access_denied\",\"error_description\":" + quoted(message) + "}");
    }

    @Override
    protected Answer apiRefusal() {
        return new Answer(401, "{\"statusCode\":401,\"statusText\":\"Unauthorized\",\"message\":\"Token expired.\","
                + "\"statusFamily\":\"CLIENT_ERROR\",\"method\":\"GET\"}");
    }
}
