package org.lastmile.camel.simulators;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulators grant only what their vendors' pages describe, and say so in the vendors' words otherwise. */
class StrictnessTest {

    private static final VendorCredentials ACCOUNT = new VendorCredentials("id+1", "s3cret", "ann@example.com", "pw",
            "M1");

    private final SimulatorServer server = SimulatorServer.withAllVendors(ACCOUNT, Duration.ofMinutes(5));
    private final HttpClient http = HttpClient.newHttpClient();

    StrictnessTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String url, String contentType, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(VendorSimulator vendor, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(vendor.url(path))).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void woopTakesTheFourFormFieldsOnlyAndAnswersMilliseconds() throws Exception {
        VendorSimulator woop = server.vendor("woop");
        String form = "client_id=id%2B1&client_secret=s3cret&audience=https%3A%2F%2Fretailer.last-mile.fr%2F"
                + "&grant_type=client_credentials";

        assertThat(post(woop.tokenUrl(), "application/json", null, "{}").statusCode()).isEqualTo(415);
        assertThat(post(woop.tokenUrl(), "application/x-www-form-urlencoded", basic("id+1:s3cret"), form).statusCode())
                .as("credentials in the body only").isEqualTo(401);
        assertThat(post(woop.tokenUrl(), "application/x-www-form-urlencoded", null, form + "&scope=x").statusCode())
                .isEqualTo(401);
        HttpResponse<String> granted = post(woop.tokenUrl(), "application/x-www-form-urlencoded", null, form);

        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(granted.body()).contains("\"expires_in\":300000").contains(woop.lastIssued().value());
        assertThat(woop.tokenCalls()).isEqualTo(4);
        assertThat(woop.tokenCalls("client_credentials")).isEqualTo(3);
        assertThat(woop.tokensIssued()).isEqualTo(1);
        assertThat(woop.refusals()).hasSize(3);
    }

    @Test
    void theApiTakesOnlyAValidTokenOfItsOwnVendor() throws Exception {
        VendorSimulator oauth2 = server.vendor("oauth2");
        assertThat(post(oauth2.tokenUrl(), "application/x-www-form-urlencoded", basic("id+1:s3cret"),
                "grant_type=client_credentials").statusCode()).as("Basic of the raw id, not the form-encoded one")
                .isEqualTo(401);
        assertThat(post(oauth2.tokenUrl(), "application/x-www-form-urlencoded", basic("id%2B1:s3cret"),
                "grant_type=client_credentials").statusCode()).isEqualTo(200);
        String bearer = oauth2.lastIssued().bearer();

        assertThat(api(oauth2, "/api/orders", bearer).statusCode()).isEqualTo(200);
        assertThat(api(oauth2, "/api/orders", null).statusCode()).isEqualTo(401);
        assertThat(api(server.vendor("shopgate"), "/api/orders", bearer).statusCode()).as("another vendor's token")
                .isEqualTo(401);
        assertThat(api(oauth2, "/api/other", bearer).statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(oauth2.tokenUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(oauth2.apiCalls()).isEqualTo(2);
    }

    @Test
    void aWinkelstraatRefreshTokenIsGoodOnceAndARevokedShopgateOneNotAtAll() throws Exception {
        Winkelstraat winkelstraat = new Winkelstraat(ACCOUNT, Clock.systemUTC());
        try (SimulatorServer own = new SimulatorServer()) {
            own.add(winkelstraat);
            HttpResponse<String> first = post(winkelstraat.tokenUrl(), "application/json", basic("id+1:s3cret"),
                    "{\"grant_type\":\"password\",\"username\":\"ann@example.com\",\"password\":\"pw\"}");
            String refresh = first.body().replaceAll(".*\"refresh_token\":\"([^\"]+)\".*", "$1");
            String again = "{\"refresh_token\":\"" + refresh + "\",\"grant_type\":\"refresh_token\"}";

            assertThat(post(winkelstraat.tokenUrl(), "application/json", basic("id+1:s3cret"), again).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> reused = post(winkelstraat.tokenUrl(), "application/json", basic("id+1:s3cret"), again);
            assertThat(reused.statusCode()).isEqualTo(422);
            assertThat(reused.body()).isEqualTo("{\"code\":422,\"message\":\"Grant refresh_token refused. Check the API"
                    + " reference documentation.\"}");
        }

        VendorSimulator shopgate = server.vendor("shopgate");
        String tenant = "&tenantType=merchant&tenantId=M1";
        HttpResponse<String> password = post(shopgate.tokenUrl(), "application/x-www-form-urlencoded",
                basic("id+1:s3cret"), "grant_type=password&username=ann%40example.com&password=pw" + tenant);
        String refresh = password.body().replaceAll(".*\"refresh_token\":\"([^\"]+)\".*", "$1");
        shopgate.revokeRefreshTokens();
        assertThat(post(shopgate.tokenUrl(), "application/x-www-form-urlencoded", null,
                "grant_type=refresh_token&refresh_token=" + refresh + tenant).body()).contains("invalid_grant");
    }

    @Test
    void tokenExchangeTakesOnlyWhatRfc8693NamesAndNeverOutlivesTheSubject() throws Exception {
        TokenExchangeServer idp = server.add(new TokenExchangeServer(ACCOUNT, java.time.Clock.systemUTC()));
        idp.lifetime(Duration.ofMinutes(5));
        String form = "application/x-www-form-urlencoded";
        String client = basic("id%2B1:s3cret");
        String subject = idp.subject("ann", Duration.ofSeconds(30));
        String exchange = "grant_type=" + TokenExchangeServer.TOKEN_EXCHANGE + "&subject_token=" + subject
                + "&subject_token_type=" + TokenExchangeServer.ACCESS_TOKEN;

        HttpResponse<String> granted = post(idp.tokenUrl(), form, client, exchange + "&audience=orders-api");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(granted.body()).contains("\"issued_token_type\":\"" + TokenExchangeServer.ACCESS_TOKEN + "\"");
        int expiresIn = Integer.parseInt(granted.body().replaceAll(".*\"expires_in\":(\\d+).*", "$1"));
        assertThat(expiresIn).as("a result lives no longer than its subject").isLessThanOrEqualTo(30);
        assertThat(idp.exchanges(subject)).isEqualTo(1);

        // the client by Basic or in the body, never both, never neither
        assertThat(post(idp.tokenUrl(), form, null, exchange + "&client_id=id%2B1&client_secret=s3cret").statusCode())
                .isEqualTo(200);
        assertThat(post(idp.tokenUrl(), form, client, exchange + "&client_id=id%2B1").body()).contains("invalid_request");
        assertThat(post(idp.tokenUrl(), form, null, exchange).statusCode()).isEqualTo(401);
        // the subject's type, the target and the fields checked
        assertThat(post(idp.tokenUrl(), form, client, exchange.replace("access_token", "id_token")).body())
                .contains("invalid_request");
        assertThat(post(idp.tokenUrl(), form, client, exchange + "&audience=elsewhere").body()).contains("invalid_target");
        assertThat(post(idp.tokenUrl(), form, client, exchange + "&actor_token=x").body()).contains("invalid_request");
        assertThat(post(idp.tokenUrl(), form, client, "grant_type=" + TokenExchangeServer.TOKEN_EXCHANGE
                + "&subject_token=" + subject).body()).contains("invalid_request");
        // subjects it did not mint, that expired, or that it refuses
        String forged = subject.substring(0, subject.lastIndexOf('.') + 1) + "AAAA";
        assertThat(post(idp.tokenUrl(), form, client, exchange.replace(subject, forged)).body()).contains("invalid_grant");
        String expired = idp.subject("ann", Duration.ofSeconds(-5));
        assertThat(post(idp.tokenUrl(), form, client, exchange.replace(subject, expired)).body()).contains("invalid_grant");
        idp.refuseSubject(subject);
        assertThat(post(idp.tokenUrl(), form, client, exchange).body()).contains("invalid_grant");

        // RFC 7523: the assertion alone
        String other = idp.subject("bob", Duration.ofMinutes(1));
        HttpResponse<String> bearer = post(idp.tokenUrl(), form, client, "grant_type=" + TokenExchangeServer.JWT_BEARER
                + "&assertion=" + other);
        assertThat(bearer.statusCode()).as(bearer.body()).isEqualTo(200);
        assertThat(bearer.body()).doesNotContain("issued_token_type");
        assertThat(post(idp.tokenUrl(), form, client, "grant_type=" + TokenExchangeServer.JWT_BEARER).body())
                .contains("invalid_request");
    }
}
