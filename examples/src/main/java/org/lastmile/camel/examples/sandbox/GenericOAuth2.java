package org.lastmile.camel.examples.sandbox;

import java.time.Duration;
import java.util.Map;

import org.lastmile.camel.examples.sandbox.SandboxServer.Answer;

/**
 * Any OAuth 2.0 authorization server (RFC 6749): client_credentials with the client authenticated by HTTP Basic of the
 * form-encoded id and secret (§2.3.1), a form body, and an answer with {@code expires_in} in seconds.
 */
final class GenericOAuth2 {

    static final String NAME = "oauth2";

    private GenericOAuth2() {
    }

    static void register(SandboxServer sandbox, SandboxCredentials credentials, Duration lifetime) {
        sandbox.vendor(NAME, "/token", exchange -> {
            Map<String, String> form = SandboxServer.form(exchange);
            if (!SandboxServer.basic(credentials.clientId(), credentials.clientSecret(), true)
                    .equals(SandboxServer.header(exchange, "Authorization"))) {
                SandboxServer.answer(exchange, new Answer(401, "{\"error\":\"invalid_client\","
                        + "\"error_description\":\"Unknown client\"}"));
            } else if (!"client_credentials".equals(form.get("grant_type"))) {
                SandboxServer.answer(exchange, new Answer(400, "{\"error\":\"unsupported_grant_type\"}"));
            } else {
                SandboxServer.answer(exchange, new Answer(200, "{\"access_token\":\"" + sandbox.issue(NAME, lifetime)
                        + "\",\"token_type\":\"bearer\",\"expires_in\":" + lifetime.toSeconds() + "}"));
            }
        }, "/api/orders", new Answer(401, "{\"error\":\"invalid_token\"}"));
    }
}
