package org.lastmile.camel.simulators;

import java.time.Clock;
import java.util.Map;

/**
 * Any OAuth 2.0 authorization server (RFC 6749), served as {@code oauth2}: {@code POST /token}, the client authenticated by
 * HTTP Basic of the form-encoded id and secret (§2.3.1), a form body of grant_type {@code client_credentials} alone
 * (§4.4.2), and an opaque token with {@code expires_in} in seconds; errors as §5.2 names them.
 */
public final class GenericOAuth2 extends VendorSimulator {

    /** An authorization server with one client that accepts {@code credentials}; {@code clock} tells when its tokens expire. */
    public GenericOAuth2(VendorCredentials credentials, Clock clock) {
        super("oauth2", "/token", "/api/orders", credentials, clock);
    }

    @Override
    protected Answer grant(Request request) {
        if (!basicOfFormEncoded(request)) {
            return refuse("not Basic of the form-encoded id and secret", new Answer(401, "{\"error\":\"invalid_client\","
                    + "\"error_description\":\"Unknown client\"}"));
        }
        Map<String, String> form = request.form();
        if (form == null || !"client_credentials".equals(form.get("grant_type"))) {
            return refuse("not a form with grant_type client_credentials", new Answer(400,
                    "{\"error\":\"unsupported_grant_type\"}"));
        }
        if (!exactly(form, "grant_type")) {
            return refuse("fields beside grant_type: " + form.keySet(), new Answer(400, "{\"error\":\"invalid_request\"}"));
        }
        return Answer.ok("{\"access_token\":\"" + issue("client_credentials", null).value()
                + "\",\"token_type\":\"bearer\",\"expires_in\":" + lifetime().toSeconds() + "}");
    }

    @Override
    protected Answer refusal(String message) {
        return new Answer(400, "{\"error\":\"invalid_grant\",\"error_description\":" + quoted(message) + "}");
    }

    @Override
    protected Answer apiRefusal() {
        return new Answer(401, "{\"error\":\"invalid_token\"}");
    }
}
