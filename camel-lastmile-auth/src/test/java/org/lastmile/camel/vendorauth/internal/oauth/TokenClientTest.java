package org.lastmile.camel.vendorauth.internal.oauth;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.internal.profile.TokenTransport;
import org.lastmile.camel.vendorauth.internal.profile.TokenEndpoint;
import org.lastmile.camel.vendorauth.internal.profile.RequestParameters;
import org.lastmile.camel.vendorauth.internal.profile.Grant;
import org.lastmile.camel.vendorauth.internal.profile.Client;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.internal.profile.BodyFormat;
import org.lastmile.camel.vendorauth.internal.profile.ClientAuthentication;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.GrantType;
import org.lastmile.camel.vendorauth.internal.profile.VendorProfile;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lastmile.camel.vendorauth.test.Encodings.basic;

/** Every grant, client authentication and body format, checked on what the server received. */
class TokenClientTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private final TokenClient client = new TokenClient(Duration.ofSeconds(2), Duration.ofSeconds(2), 4, Clock.systemUTC());

    @AfterEach
    void close() {
        client.close();
    }

    private Credential request(GrantType grant, ClientAuthentication auth, BodyFormat format,
                                 Map<String, String> parameters, VendorProfile.RefreshRules refresh) {
        URI url = URI.create(vendor.baseUrl() + "/token");
        return new Credential("test", new TokenEndpoint(url, URI.create(vendor.baseUrl() + "/refresh"), format,
                TokenTransport.JVM_DEFAULTS),
                grant == GrantType.PASSWORD ? new Grant.Password("ann@example.com", "pw d") : new Grant.ClientCredentials(),
                new Client("my client", "p@ss:w&rd", auth, null), RequestParameters.of(parameters),
                ManagerFixture.SECONDS, refresh, null, null);
    }

    private Credential request(GrantType grant, ClientAuthentication auth, BodyFormat format) {
        return request(grant, auth, format, Map.of(), new VendorProfile.RefreshRules(true, null, null, List.of()));
    }

    @Test
    void aTokensLifeCountsFromWhenItsRequestWasSentNotFromTheLateAnswer() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("slow", 60).withFixedDelay(400)));

        Instant before = Instant.now();
        AccessToken token = client.requestToken(request(GrantType.CLIENT_CREDENTIALS, ClientAuthentication.BASIC,
                BodyFormat.FORM));
        Instant arrived = Instant.now();

        assertThat(token.obtainedAt()).as("the send instant").isBetween(before, arrived.minusMillis(400));
        assertThat(token.expiresAt()).isEqualTo(token.obtainedAt().plusSeconds(60));
    }

    @Test
    void clientCredentialsWithBasicFormEncodesIdAndSecret() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 3600)));

        AccessToken token = client.requestToken(request(GrantType.CLIENT_CREDENTIALS, ClientAuthentication.BASIC,
                BodyFormat.FORM));

        assertThat(token.value()).isEqualTo("t1");
        vendor.verify(postRequestedFor(urlEqualTo("/token"))
                .withHeader("Authorization", equalTo(basic("my+client:p%40ss%3Aw%26rd")))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withHeader("Accept", equalTo("application/json"))
                .withRequestBody(equalTo("grant_type=client_credentials")));
    }

    @Test
    void basicRawSendsIdAndSecretAsTheyAre() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 3600)));

        client.requestToken(request(GrantType.CLIENT_CREDENTIALS, ClientAuthentication.BASIC_RAW, BodyFormat.FORM));

        vendor.verify(postRequestedFor(urlEqualTo("/token"))
                .withHeader("Authorization", equalTo(basic("my client:p@ss:w&rd"))));
    }

    @Test
    void bodyAuthenticationWithJsonAndParameters() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 3600)));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("audience", "https://api.example.com/");
        parameters.put("scope", "read write");
        parameters.put("resource", "urn:orders");
        parameters.put("tenant", "acme");

        client.requestToken(request(GrantType.CLIENT_CREDENTIALS, ClientAuthentication.BODY, BodyFormat.JSON, parameters,
                new VendorProfile.RefreshRules(true, null, null, List.of())));

        vendor.verify(postRequestedFor(urlEqualTo("/token"))
                .withHeader("Authorization", absent())
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"grant_type\":\"client_credentials\",\"client_id\":\"my client\","
                        + "\"client_secret\":\"p@ss:w&rd\",\"audience\":\"https://api.example.com/\","
                        + "\"scope\":\"read write\",\"resource\":\"urn:orders\",\"tenant\":\"acme\"}")));
    }

    @Test
    void passwordGrantWithNoClientAuthentication() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 3600)));

        client.requestToken(request(GrantType.PASSWORD, ClientAuthentication.NONE, BodyFormat.FORM));

        vendor.verify(postRequestedFor(urlEqualTo("/token"))
                .withHeader("Authorization", absent())
                .withRequestBody(equalTo("grant_type=password&username=ann%40example.com&password=pw+d")));
    }

    @Test
    void refreshGoesToTheRefreshUrlWithCarriedParametersAndKeepsTheOldRefreshToken() {
        vendor.stubFor(post("/refresh").willReturn(TokenAnswers.token("t2", 3600)));
        Map<String, String> parameters = Map.of("tenantType", "merchant", "audience", "x");
        Credential request = request(GrantType.PASSWORD, ClientAuthentication.BASIC, BodyFormat.FORM, parameters,
                new VendorProfile.RefreshRules(true, ClientAuthentication.NONE, null, List.of("tenantType")));
        AccessToken current = new AccessToken("t1", "Bearer", Instant.now().plusSeconds(60), "r1", null, Instant.now());

        AccessToken refreshed = client.refreshToken(request, current);

        assertThat(refreshed.value()).isEqualTo("t2");
        assertThat(refreshed.refreshToken()).isEqualTo("r1");
        vendor.verify(postRequestedFor(urlEqualTo("/refresh"))
                .withHeader("Authorization", absent())
                .withRequestBody(equalTo("grant_type=refresh_token&refresh_token=r1&tenantType=merchant")));
    }

    @Test
    void rotatedRefreshTokenReplacesTheOldOne() {
        vendor.stubFor(post("/refresh").willReturn(TokenAnswers.token("t2", 3600, "r2")));
        AccessToken current = new AccessToken("t1", "Bearer", Instant.now().plusSeconds(60), "r1", null, Instant.now());

        AccessToken refreshed = client.refreshToken(request(GrantType.CLIENT_CREDENTIALS, ClientAuthentication.BASIC,
                BodyFormat.FORM), current);

        assertThat(refreshed.refreshToken()).isEqualTo("r2");
    }

    @Test
    void vendorErrorCarriesStatusMessageAndRetryAfter() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.json(429, "{\"error\":\"slow_down\","
                + "\"error_description\":\"Too many token requests\"}").withHeader("Retry-After", "7")));

        assertThatThrownBy(() -> client.requestToken(request(GrantType.CLIENT_CREDENTIALS, ClientAuthentication.BASIC,
                BodyFormat.FORM)))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(429);
                    assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(e.getMessage()).contains("slow_down - Too many token requests")
                            .doesNotContain("p@ss:w&rd");
                });
    }

    @Test
    void noAnswerIsAnErrorWithoutStatus() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Credential request = ManagerFixture.request("http://127.0.0.1:" + closedPort + "/token");

        assertThatThrownBy(() -> client.requestToken(request))
                .isInstanceOfSatisfying(TokenEndpointException.class,
                        e -> {
                            assertThat(e.getStatus()).isEqualTo(TokenEndpointException.NO_RESPONSE);
                            assertThat(e.getMessage()).contains("connection refused by 127.0.0.1:" + closedPort);
                        });
    }

    @Test
    void durationsAreWordedAsTheVendorGaveThem() {
        assertThat(TokenClient.words(Duration.ofSeconds(10))).isEqualTo("10 s");
        assertThat(TokenClient.words(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(TokenClient.words(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(TokenClient.words(Duration.ofHours(1))).isEqualTo("3600 s");
    }

    @Test
    void hangingEndpointIsBoundedByTheResponseTimeout() {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("late", 3600).withFixedDelay(5000)));

        assertThatThrownBy(() -> client.requestToken(request(GrantType.CLIENT_CREDENTIALS, ClientAuthentication.BASIC,
                BodyFormat.FORM)))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(TokenEndpointException.NO_RESPONSE);
                    assertThat(e.getMessage()).contains("no answer from localhost:").contains("within 2 s (responseTimeout)");
                });
    }
}
