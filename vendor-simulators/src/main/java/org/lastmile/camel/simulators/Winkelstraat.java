package org.lastmile.camel.simulators;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Winkelstraat, per its retailer-token page: {@code POST /api/oauth/v1/retailer/token} with {@code Authorization: Basic} of
 * the raw {@code client_id:secret} and {@code Content-Type: application/json}, no other value allowed (415); a JSON body
 * (400 when it is not one): the password grant where the account has an API user, else client_credentials, and the
 * refresh grant {@code {refresh_token, grant_type: refresh_token}}; errors are {@code {code, message}}, 422 for a refused
 * grant. The answer carries {@code expires_in} in seconds, {@code token_type} "bearer", {@code scope} "null" and a new
 * refresh token; a refresh token is good once.
 *
 * <p>
 * The page's two copies disagree on the refresh path: by default refreshes go to the token path (copy a); told so, they go
 * to {@code /api/oauth/v1/token} (copy b) and only there.
 */
public final class Winkelstraat extends VendorSimulator {

    /** The refresh path of the page's second copy. */
    public static final String SECOND_COPY_REFRESH_PATH = "/api/oauth/v1/token";
    private static final String TOKEN_PATH = "/api/oauth/v1/retailer/token";

    private volatile boolean refreshAtSecondCopyPath;

    /** A Winkelstraat retailer that accepts {@code credentials}; {@code clock} tells when its tokens expire. */
    public Winkelstraat(VendorCredentials credentials, Clock clock) {
        super("winkelstraat", TOKEN_PATH, "/api/rest/v1/products", credentials, clock);
    }

    /** Takes refreshes at {@link #SECOND_COPY_REFRESH_PATH} only, as the page's second copy says. */
    public void refreshAtSecondCopyPath() {
        refreshAtSecondCopyPath = true;
    }

    @Override
    protected List<String> otherTokenPaths() {
        return List.of(SECOND_COPY_REFRESH_PATH);
    }

    @Override
    protected Answer grant(Request request) {
        String type = request.header("Content-Type");
        if (!"application/json".equals(type)) {
            return refuse("Content-Type " + type, error(415, "'" + type + "' in 'Content-type' header is not valid.  Only "
                    + "'application/json' is allowed."));
        }
        if (!basic(credentials().clientId(), credentials().clientSecret()).equals(request.header("Authorization"))) {
            return refuse("not Basic of the raw client_id:secret", error(422, "Client id or secret is not valid."));
        }
        Map<String, String> body = request.json();
        if (body == null) {
            return refuse("not a JSON object of strings", error(400, "Invalid JSON message received"));
        }
        String grant = body.get("grant_type");
        if (!granted(request.path(), grant, body)) {
            return refuse("grant " + grant + " at " + request.path() + " with " + body.keySet(),
                    refusal("Grant " + grant + " refused. Check the API reference documentation."));
        }
        return Answer.ok("{\"access_token\":\"" + issue(grant, null).value() + "\",\"expires_in\":" + lifetime().toSeconds()
                + ",\"token_type\":\"bearer\",\"scope\":\"null\",\"refresh_token\":\"" + issueRefreshToken() + "\"}");
    }

    private boolean granted(String path, String grant, Map<String, String> body) {
        boolean refresh = "refresh_token".equals(grant);
        if (!path.equals(refresh && refreshAtSecondCopyPath ? SECOND_COPY_REFRESH_PATH : TOKEN_PATH)) {
            return false;
        }
        VendorCredentials account = credentials();
        if (refresh) {
            return exactly(body, "refresh_token", "grant_type") && honours(body.get("refresh_token"), true);
        }
        if (account.hasUser()) {
            return "password".equals(grant) && exactly(body, "grant_type", "username", "password")
                    && account.username().equals(body.get("username")) && account.password().equals(body.get("password"));
        }
        return "client_credentials".equals(grant) && exactly(body, "grant_type");
    }

    @Override
    protected Answer refusal(String message) {
        return error(422, message);
    }

    @Override
    protected Answer apiRefusal() {
        return error(401, "The access token provided is invalid.");
    }

    private static Answer error(int code, String message) {
        return new Answer(code, "{\"code\":" + code + ",\"message\":" + quoted(message) + "}");
    }
}
