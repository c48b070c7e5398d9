package org.lastmile.camel.examples.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.lastmile.camel.examples.sandbox.SandboxServer.Answer;

/**
 * Winkelstraat, per its retailer-token page: {@code POST /api/oauth/v1/retailer/token}, {@code Authorization: Basic} of the
 * raw {@code client_id:secret}, {@code Content-Type: application/json} and nothing else (415), a JSON body; errors are
 * {@code {code, message}} with 400, 415 or 422; the answer carries {@code expires_in} in seconds, {@code token_type}
 * "bearer", {@code scope} "null" and a refresh token, which a {@code {refresh_token, grant_type: refresh_token}} body
 * exchanges for a new token.
 */
final class Winkelstraat {

    static final String NAME = "winkelstraat";

    private Winkelstraat() {
    }

    static void register(SandboxServer sandbox, SandboxCredentials credentials, Duration lifetime) {
        Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
        sandbox.vendor(NAME, "/api/oauth/v1/retailer/token", exchange -> {
            String type = SandboxServer.header(exchange, "Content-Type");
            if (!"application/json".equals(type)) {
                SandboxServer.answer(exchange, error(415, "'" + type + "' in 'Content-type' header is not valid.  Only "
                        + "'application/json' is allowed."));
                return;
            }
            if (!SandboxServer.basic(credentials.clientId(), credentials.clientSecret(), false)
                    .equals(SandboxServer.header(exchange, "Authorization"))) {
                SandboxServer.answer(exchange, error(422, "Client id or secret is not valid."));
                return;
            }
            JsonNode body = SandboxServer.json(exchange);
            if (body == null) {
                SandboxServer.answer(exchange, error(400, "Invalid JSON message received"));
                return;
            }
            String grant = body.path("grant_type").asText();
            boolean granted = switch (grant) {
                case "password" -> credentials.username().equals(body.path("username").asText())
                        && credentials.password().equals(body.path("password").asText());
                case "refresh_token" -> refreshTokens.remove(body.path("refresh_token").asText()) != null;
                default -> false;
            };
            if (!granted) {
                SandboxServer.answer(exchange, error(422, "Grant " + grant + " refused. Check the API reference documentation."));
                return;
            }
            String refresh = UUID.randomUUID().toString();
            refreshTokens.put(refresh, Boolean.TRUE);
            SandboxServer.answer(exchange, new Answer(200, "{\"access_token\":\"" + sandbox.issue(NAME, lifetime)
                    + "\",\"expires_in\":" + lifetime.toSeconds() + ",\"token_type\":\"bearer\",\"scope\":null,"
                    + "\"refresh_token\":\"" + refresh + "\"}"));
        }, "/api/rest/v1/products", error(401, "The access token provided is invalid."));
    }

    private static Answer error(int code, String message) {
        return new Answer(code, "{\"code\":" + code + ",\"message\":\"" + message + "\"}");
    }
}
