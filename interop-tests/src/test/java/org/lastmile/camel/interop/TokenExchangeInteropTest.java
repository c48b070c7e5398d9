package org.lastmile.camel.interop;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.VendorAuthConstants;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token exchange (RFC 8693) against Spring Authorization Server: the component's request is one a real implementation
 * grants, with the client authenticated by Basic or in the body; each caller's token is exchanged once, and the result,
 * signed by the server, is the caller's.
 */
class TokenExchangeInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SpringAuthorizationServer server;
    private static CamelContext camel;

    @BeforeAll
    static void start() throws Exception {
        server = SpringAuthorizationServer.start(Duration.ofMinutes(30), Duration.ofMinutes(5));
        VendorAuthComponent component = new VendorAuthComponent();
        // one JVM: what is under test here is the conversation with a real server, not the cluster
        component.setTokenStore(new InMemoryTokenStore());
        camel = new DefaultCamelContext();
        camel.addComponent("vendorauth", component);
        String credential = "vendorauth:oauth2?grantType=token_exchange&tokenUrl=" + server.tokenUrl()
                + "&clientId=" + SpringAuthorizationServer.GATEWAY + "&clientSecret=" + SpringAuthorizationServer.SECRET
                + "&scope=orders.read";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:basic").to(credential);
                from("direct:post").to(credential + "&clientAuthentication=body");
                from("direct:jwt").to(credential.replace("grantType=token_exchange",
                        "grantType=urn:ietf:params:oauth:grant-type:token-exchange")
                        + "&subjectTokenType=urn:ietf:params:oauth:token-type:jwt"
                        + "&requestedTokenType=urn:ietf:params:oauth:token-type:access_token");
            }
        });
        camel.start();
    }

    @AfterAll
    static void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A token of the frontend client: what a caller would hand the route. */
    static String callerToken() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.tokenUrl()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((SpringAuthorizationServer.FRONTEND
                        + ":" + URLEncoder.encode(SpringAuthorizationServer.FRONTEND_SECRET, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=orders.read")).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static Exchange call(String route, String subject) {
        return camel.createProducerTemplate().request(route,
                exchange -> exchange.getMessage().setHeader("Authorization", "Bearer " + subject));
    }

    /** The token's claims, once its signature checks out against the server's keys. */
    private static JWTClaimsSet verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey key = (RSAKey) server.publicKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(key))).as("signed by the server").isTrue();
        return jwt.getJWTClaimsSet();
    }

    @Test
    void eachCallersTokenIsExchangedOnceWithEitherClientAuthentication() throws Exception {
        for (String route : List.of("direct:basic", "direct:post", "direct:jwt")) {
            String subject = callerToken();
            Exchange first = call(route, subject);
            assertThat(first.getException()).as(route).isNull();
            String result = first.getMessage().getHeader("Authorization", String.class).substring("Bearer ".length());
            assertThat(result).as("a token other than the caller's").isNotEqualTo(subject);

            JWTClaimsSet claims = verified(result);
            JWTClaimsSet caller = verified(subject);
            assertThat(claims.getSubject()).as("on behalf of the caller").isEqualTo(caller.getSubject());
            assertThat(claims.getExpirationTime()).isBeforeOrEqualTo(caller.getExpirationTime());

            Exchange again = call(route, subject);
            assertThat(again.getMessage().getHeader("Authorization", String.class)).as("the same result, from the cache")
                    .isEqualTo("Bearer " + result);
        }
    }

    @Test
    void differentCallersNeverShareAResult() throws Exception {
        Set<String> results = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Exchange done = call("direct:basic", callerToken());
            assertThat(done.getException()).isNull();
            results.add(done.getMessage().getHeader("Authorization", String.class));
        }
        assertThat(results).hasSize(3);
    }

    @Test
    void aTokenTheServerNeverIssuedIsRefusedInItsWords() throws Exception {
        String forged = callerToken();
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA";

        Exchange done = call("direct:basic", forged);

        assertThat(done.getException()).hasMessageContaining("invalid_grant");
        assertThat(done.getException().getMessage()).doesNotContain(forged);
    }

    @Test
    void aCallerWithoutATokenIsRefusedBeforeAnyCall() {
        Exchange done = camel.createProducerTemplate().request("direct:basic", exchange -> { });

        assertThat(done.getException()).hasMessageContaining(VendorAuthConstants.SUBJECT_TOKEN);
    }

}
