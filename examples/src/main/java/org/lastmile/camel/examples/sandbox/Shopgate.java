package org.lastmile.camel.examples.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.lastmile.camel.examples.sandbox.SandboxServer.Answer;

/**
 * Shopgate, per its authentication page: {@code POST /oauth/token}, form-encoded. The password grant carries
 * {@code Authorization: Basic} of clientId and clientSecret and username, password, tenantType {@code merchant} and tenantId;
 * its answer has a refresh token valid for three months. The refresh grant carries no Authorization header, the refresh
 * token and the tenant parameters; its answer has no refresh token, the old one is kept.
 */
final class Shopgate {

    static final String NAME = "shopgate";

    private Shopgate() {
    }

    static void register(SandboxServer sandbox, SandboxCredentials credentials, Duration lifetime) {
        Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
        sandbox.vendor(NAME, "/oauth/token", exchange -> {
            Map<String, String> form = SandboxServer.form(exchange);
            String authorization = SandboxServer.header(exchange, "Authorization");
            boolean tenant = "merchant".equals(form.get("tenantType")) && credentials.tenantId().equals(form.get("tenantId"));
            boolean password = "password".equals(form.get("grant_type"))
                    && SandboxServer.basic(credentials.clientId(), credentials.clientSecret(), false).equals(authorization)
                    && credentials.username().equals(form.get("username"))
                    && credentials.password().equals(form.get("password"));
            boolean refresh = "refresh_token".equals(form.get("grant_type")) && authorization == null
                    && refreshTokens.containsKey(String.valueOf(form.get("refresh_token")));
            if (!tenant || !(password || refresh)) {
                SandboxServer.answer(exchange, new Answer(400, "{\"error\":\"invalid_grant\","
                        + "\"error_description\":\"Invalid grant: user credentials are invalid\"}"));
                return;
            }
            String token = sandbox.issueJwt(NAME, lifetime);
            String refreshPart = "";
            if (password) {
                String refreshToken = UUID.randomUUID().toString().replace("-", "");
                refreshTokens.put(refreshToken, Boolean.TRUE);
                refreshPart = ",\"refresh_token\":\"" + refreshToken + "\"";
            }
            SandboxServer.answer(exchange, new Answer(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":" + lifetime.toSeconds() + refreshPart + "}"));
        }, "/api/orders", new Answer(401, "{\"code\":\"Unauthorized\",\"message\":\"Invalid or expired token\"}"));
    }
}
