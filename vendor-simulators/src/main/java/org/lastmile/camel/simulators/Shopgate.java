package org.lastmile.camel.simulators;

import java.time.Clock;
import java.util.Map;

/**
 * Shopgate, per its authentication page: {@code POST /oauth/token}, form-encoded. The password grant carries
 * {@code Authorization: Basic} of clientId and clientSecret and exactly grant_type, username, password, tenantType
 * {@code merchant} and tenantId (the merchant code); its answer has a refresh token. The refresh grant carries no
 * {@code Authorization} header and exactly grant_type {@code refresh_token}, refresh_token, tenantType and tenantId; its
 * answer has no refresh token, and the old one stays good. Tokens are JWTs with {@code expires_in} in seconds.
 */
public final class Shopgate extends VendorSimulator {

    /** A Shopgate client that accepts {@code credentials}; {@code clock} tells when its tokens expire. */
    public Shopgate(VendorCredentials credentials, Clock clock) {
        super("shopgate", "/oauth/token", "/api/orders", credentials, clock);
    }

    @Override
    protected Answer grant(Request request) {
        Map<String, String> form = "application/x-www-form-urlencoded".equals(request.header("Content-Type"))
                ? request.form() : null;
        VendorCredentials account = credentials();
        boolean tenant = form != null && "merchant".equals(form.get("tenantType"))
                && account.tenantId().equals(form.get("tenantId"));
        if (tenant && "password".equals(form.get("grant_type"))) {
            if (exactly(form, "grant_type", "username", "password", "tenantType", "tenantId")
                    && basic(account.clientId(), account.clientSecret()).equals(request.header("Authorization"))
                    && account.username().equals(form.get("username")) && account.password().equals(form.get("password"))) {
                return Answer.ok(token(issueJwt("password", null), ",\"refresh_token\":\"" + issueRefreshToken() + "\""));
            }
            return refuse("password grant not as the page shows it", refusal("Invalid grant: user credentials are invalid"));
        }
        if (tenant && "refresh_token".equals(form.get("grant_type"))) {
            if (exactly(form, "grant_type", "refresh_token", "tenantType", "tenantId") && !request.has("Authorization")
                    && honours(form.get("refresh_token"), false)) {
                return Answer.ok(token(issueJwt("refresh_token", null), ""));
            }
            return refuse("refresh grant not as the page shows it, or a refresh token not honoured",
                    refusal("Invalid grant: refresh token is invalid"));
        }
        return refuse("not a form with a grant for this merchant", refusal("Invalid grant: user credentials are invalid"));
    }

    private String token(IssuedToken token, String refreshPart) {
        return "{\"access_token\":\"" + token.value() + "\",\"token_type\":\"Bearer\",\"expires_in\":" + lifetime().toSeconds()
                + refreshPart + "}";
    }

    @Override
    protected Answer refusal(String message) {
        return new Answer(400, "{\"error\":\"invalid_grant\",\"error_description\":" + quoted(message) + "}");
    }

    @Override
    protected Answer apiRefusal() {
        return new Answer(401, "{\"code\":\"Unauthorized\",\"message\":\"Invalid or expired token\"}");
    }
}
