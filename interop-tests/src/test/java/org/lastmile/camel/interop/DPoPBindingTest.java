package org.lastmile.camel.interop;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server {@link SpringAuthorizationServer} starts binds tokens to a DPoP key (RFC 9449) when a token request carries a
 * valid proof, by itself: checked with a proof built by hand, so that tests of the component's DPoP support can rely on
 * it; and without a proof, a Bearer token as before.
 */
class DPoPBindingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SpringAuthorizationServer server;

    @BeforeAll
    static void start() {
        server = SpringAuthorizationServer.start(Duration.ofMinutes(30), Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> clientCredentials(Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.tokenUrl()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((SpringAuthorizationServer.GATEWAY
                        + ":" + URLEncoder.encode(SpringAuthorizationServer.SECRET, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A DPoP proof (RFC 9449 §4.2) for a POST to the token endpoint, signed with {@code key}. */
    private static String proof(ECKey key) throws Exception {
        SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build(),
                new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", "POST")
                        .claim("htu", server.tokenUrl()).issueTime(new Date()).build());
        proof.sign(new ECDSASigner(key));
        return proof.serialize();
    }

    @Test
    void aRequestWithAValidProofGetsATokenBoundToItsKey() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();

        HttpResponse<String> response = clientCredentials(Map.of("DPoP", proof(key)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("token_type").asText()).isEqualTo("DPoP");
        Map<String, Object> confirmation = SignedJWT.parse(answer.get("access_token").asText()).getJWTClaimsSet()
                .getJSONObjectClaim("cnf");
        assertThat(confirmation).containsEntry("jkt", key.computeThumbprint().toString());
    }

    @Test
    void aRequestWithoutAProofGetsABearerToken() throws Exception {
        HttpResponse<String> response = clientCredentials(Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("token_type").asText()).isEqualTo("Bearer");
    }

    @Test
    void aProofForAnotherUrlIsRefused() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        SignedJWT stray = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build(),
                new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", "POST")
                        .claim("htu", server.issuer() + "/elsewhere").issueTime(new Date()).build());
        stray.sign(new ECDSASigner(key));

        HttpResponse<String> response = clientCredentials(Map.of("DPoP", stray.serialize()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_dpop_proof");
    }
}
