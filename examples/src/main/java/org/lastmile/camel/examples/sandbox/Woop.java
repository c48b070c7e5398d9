package org.lastmile.camel.examples.sandbox;

import java.time.Duration;
import java.util.Map;

import org.lastmile.camel.examples.sandbox.SandboxServer.Answer;

/**
 * Woop (Last-Mile), per its authentication page: {@code POST /oauth/token}, form-encoded only, with client_id,
 * client_secret, audience {@code https://retailer.last-mile.fr/} and grant_type client_credentials; the answer's
 * {@code expires_in} is in milliseconds and the token is a JWT.
 */
final class Woop {

    static final String NAME = "woop";
    static final String AUDIENCE = "https://retailer.last-mile.fr/";

    private Woop() {
    }

    static void register(SandboxServer sandbox, SandboxCredentials credentials, Duration lifetime) {
        sandbox.vendor(NAME, "/oauth/token", exchange -> {
            String type = SandboxServer.header(exchange, "Content-Type");
            if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
                SandboxServer.answer(exchange, new Answer(415, "{\"error\":\"invalid_request\","
                        + "\"error_description\":\"Content-Type must be application/x-www-form-urlencoded\"}"));
                return;
            }
            Map<String, String> form = SandboxServer.form(exchange);
            if (!credentials.clientId().equals(form.get("client_id"))
                    || !credentials.clientSecret().equals(form.get("client_secret"))) {
                SandboxServer.answer(exchange, new Answer(401, "{\"error\":\"access_denied\","
                        + "\"error_description\":\"Unauthorized\"}"));
            } else if (!"client_credentials".equals(form.get("grant_type")) || !AUDIENCE.equals(form.get("audience"))) {
                SandboxServer.answer(exchange, new Answer(403, "{\"error\":\"access_denied\","
                        + "\"error_description\":\"Service not enabled within domain: " + form.get("audience") + "\"}"));
            } else {
                String token = sandbox.issueJwt(NAME, lifetime);
                SandboxServer.answer(exchange, new Answer(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\","
                        + "\"expires_in\":" + lifetime.toMillis() + ",\"audience\":\"" + AUDIENCE + "\"}"));
            }
        }, "/api", new Answer(401, "{\"message\":\"Unauthorized\"}"));
    }
}
