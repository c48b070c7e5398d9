package org.lastmile.camel.examples.sandbox;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.lastmile.camel.examples.sandbox.SandboxServer.Answer;

/**
 * Dataloy, per its authentication page: a token URL handed out per customer, a JSON body with client_id, client_secret,
 * audience ({@code https://dataloy} in production, {@code https://dataloy.dev} in test) and grant_type client_credentials;
 * {@code expires_in} in seconds; an expired token on the API gives 401 with {@code "message": "Token expired."}.
 */
final class Dataloy {

    static final String NAME = "dataloy";

    private Dataloy() {
    }

    static void register(SandboxServer sandbox, SandboxCredentials credentials, Duration lifetime) {
        sandbox.vendor(NAME, "/oauth/token", exchange -> {
            JsonNode body = SandboxServer.json(exchange);
            String audience = body == null ? "" : body.path("audience").asText();
            if (body == null || !credentials.clientId().equals(body.path("client_id").asText())
                    || !credentials.clientSecret().equals(body.path("client_secret").asText())
                    || !"client_credentials".equals(body.path("grant_type").asText())) {
                SandboxServer.answer(exchange, new Answer(401, "{\"error\":\"access_denied\","
                        + "\"error_description\":\"Unauthorized\"}"));
            } else if (!audience.equals("https://dataloy") && !audience.equals("https://dataloy.dev")) {
                SandboxServer.answer(exchange, new Answer(403, "{\"error\":\"access_denied\","
                        + "\"error_description\":\"Service not found: " + audience + "\"}"));
            } else {
                SandboxServer.answer(exchange, new Answer(200, "{\"access_token\":\"" + sandbox.issueJwt(NAME, lifetime)
                        + "\",\"expires_in\":" + lifetime.toSeconds() + ",\"token_type\":\"Bearer\"}"));
            }
        }, "/ws/rest/Cargo", new Answer(401, "{\"statusCode\":401,\"statusText\":\"Unauthorized\","
                + "\"message\":\"Token expired.\",\"statusFamily\":\"CLIENT_ERROR\",\"method\":\"GET\"}"));
    }
}
