package org.lastmile.camel.vendorauth.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lastmile.camel.vendorauth.internal.policy.Backoff;
import org.lastmile.camel.vendorauth.internal.policy.LocalToken;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.test.LogCapture;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;
import static org.lastmile.camel.vendorauth.test.TokenAnswers.tokenCalls;

/**
 * Every way a token endpoint breaks, on a hand-moved clock, and what callers keep: a clear error carrying the vendor's
 * words, nothing cached, no second request while backing off, {@code Retry-After} honoured, a still-valid token served
 * while refreshes fail, and a fresh token as soon as the endpoint is back and the back-off has passed.
 */
class TokenEndpointFaultsTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    /** Short, so that hangs end quickly; the hang itself lasts far longer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(500);
    private static final int HANG_MILLIS = 30_000;

    private final ManagerFixture fixture = new ManagerFixture(RESPONSE_TIMEOUT,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)), 4);

    @AfterEach
    void stop() throws InterruptedException {
        fixture.close();
    }

    private TokenSource source() {
        return fixture.manager().source(ManagerFixture.request(vendor.baseUrl() + "/token"));
    }

    private static void answer(ResponseDefinitionBuilder answer) {
        vendor.stubFor(post("/token").willReturn(answer));
    }

    private static String token(TokenSource source) throws Exception {
        return source.await().get(20, TimeUnit.SECONDS).token().value();
    }

    /**
     * The failure a caller gets, which must be a {@link TokenEndpointException} and nothing else; returns once the flight
     * has landed, since callers hear of a failure a moment before the back-off is set.
     */
    private TokenEndpointException failure(CompletableFuture<LocalToken> call) throws Exception {
        try {
            call.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TokenEndpointException.class);
            fixture.settle();
            return (TokenEndpointException) e.getCause();
        }
        return fail("a token came although the endpoint is broken");
    }

    /** Failed fetches in a row from which callers are failed fast: the default failFastThreshold. */
    private static final int THRESHOLD = 3;

    /** Asks until the source fails fast: each of the first {@link #THRESHOLD} callers gets a new attempt. */
    private TokenEndpointException failUntilFailingFast(TokenSource source) throws Exception {
        TokenEndpointException first = failure(source.await());
        for (int i = 1; i < THRESHOLD; i++) {
            assertThat(failure(source.await()).getMessage()).as("a new attempt, not the cached failure")
                    .isEqualTo(first.getMessage());
        }
        assertThat(source.statistics().fetches()).as("one request per caller before the threshold")
                .isEqualTo(THRESHOLD);
        return first;
    }

    /**
     * What a caller keeps after failed fetches: the error {@code clear} checks, nothing stored, a new attempt for each
     * caller until the threshold, then no further request while the back-off lasts, and a fresh token on the first call
     * after it once the endpoint is back.
     */
    private void assertFailureKept(Consumer<TokenEndpointException> clear) throws Exception {
        TokenSource source = source();
        TokenEndpointException first = failUntilFailingFast(source);
        clear.accept(first);
        assertThat(first.getMessage()).contains("Token endpoint of profile 'test'");
        assertThat(fixture.store().get(source.key())).as("nothing cached after a failure").isNull();
        assertThat(source.tryNow()).isNull();

        for (int i = 0; i < 20; i++) {
            assertThat(failure(source.await()).getMessage()).as("fails fast with the same words")
                    .startsWith(first.getMessage()).contains("not asked again");
        }
        assertThat(source.statistics().fetches()).as("no further request during the back-off").isEqualTo(THRESHOLD);

        answer(TokenAnswers.freshToken(3600));
        fixture.clock().advance(Duration.ofSeconds(1));
        assertThat(token(source)).as("recovered with a fresh token").startsWith("tok-");
        assertThat(source.statistics().fetches()).isEqualTo(THRESHOLD + 1);
        eventually("the vendor saw every request", () -> tokenCalls(vendor) == THRESHOLD + 1);
        assertThat(fixture.store().get(source.key())).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 503, 504 })
    void serverErrorsCarryTheVendorsWords(int status) throws Exception {
        answer(TokenAnswers.json(status, "{\"error\":\"temporarily_unavailable\",\"error_description\":\"Down for "
                + "maintenance\"}"));
        assertFailureKept(e -> {
            assertThat(e.getStatus()).isEqualTo(status);
            assertThat(e.getMessage()).contains("HTTP " + status + ": temporarily_unavailable - Down for maintenance");
        });
    }

    @Test
    void serverErrorWithoutABody() throws Exception {
        answer(aResponse().withStatus(500));
        assertFailureKept(e -> assertThat(e.getMessage()).endsWith("answered HTTP 500"));
    }

    @Test
    void tooManyRequestsWithRetryAfterInSecondsIsHonouredBeyondTheBackoffMaximum() throws Exception {
        answer(TokenAnswers.json(429, "{\"error\":\"slow_down\"}").withHeader("Retry-After", "90"));
        TokenSource source = source();
        TokenEndpointException first = failure(source.await());
        assertThat(first.getStatus()).isEqualTo(429);
        assertThat(first.getRetryAfter()).isEqualTo(Duration.ofSeconds(90));

        // the back-off alone would have retried within 1 s, its maximum is 60 s: the vendor asked for 90
        for (int second = 0; second < 89; second++) {
            fixture.clock().advance(Duration.ofSeconds(1));
            assertThat(failure(source.await()).getMessage()).contains("slow_down").contains("not asked again");
        }
        assertThat(source.statistics().fetches()).isEqualTo(1L);
        answer(TokenAnswers.token("after-wait", 3600));
        fixture.clock().advance(Duration.ofSeconds(1));
        assertThat(token(source)).isEqualTo("after-wait");
        assertThat(source.statistics().fetches()).isEqualTo(2L);
    }

    @Test
    void anAbsurdRetryAfterIsCappedAtADayAndStillBacksOff() throws Exception {
        answer(TokenAnswers.json(429, "{\"error\":\"slow_down\"}").withHeader("Retry-After", String.valueOf(Long.MAX_VALUE)));
        TokenSource source = source();
        assertThat(failure(source.await()).getRetryAfter()).isEqualTo(Duration.ofDays(1));
        fixture.clock().advance(Duration.ofHours(23));
        assertThat(failure(source.await()).getMessage()).contains("not asked again");
        assertThat(source.statistics().fetches()).isEqualTo(1L);
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                fixture.clock().instant().plusSeconds(120).atOffset(ZoneOffset.UTC));
        answer(TokenAnswers.json(429, "{\"error\":\"slow_down\"}").withHeader("Retry-After", date));
        TokenSource source = source();
        assertThat(failure(source.await()).getRetryAfter()).isEqualTo(Duration.ofSeconds(120));

        fixture.clock().advance(Duration.ofSeconds(119));
        assertThat(failure(source.await()).getMessage()).contains("not asked again");
        assertThat(source.statistics().fetches()).isEqualTo(1L);
    }

    @Test
    void aRetryAfterOfZeroDoesNotShortenTheBackoff() throws Exception {
        answer(TokenAnswers.json(503, "{\"error\":\"busy\"}").withHeader("Retry-After", "0"));
        TokenSource source = source();
        failUntilFailingFast(source);
        // equal jitter: the first back-off is at least half of backoffInitial
        fixture.clock().advance(Duration.ofMillis(400));
        assertThat(failure(source.await()).getMessage()).contains("not asked again");
        assertThat(source.statistics().fetches()).isEqualTo(THRESHOLD);
    }

    @Test
    void connectionRefusedThenTheEndpointComesBack() throws Exception {
        int port = TokenAnswers.closedPort();
        String url = "http://127.0.0.1:" + port + "/token";
        TokenSource source = fixture.manager().source(ManagerFixture.request(url));

        TokenEndpointException refused = failUntilFailingFast(source);
        assertThat(refused.getStatus()).isEqualTo(TokenEndpointException.NO_RESPONSE);
        assertThat(refused.getMessage()).contains("gave no answer").contains("connection refused by 127.0.0.1:" + port);
        assertThat(fixture.store().get(source.key())).isNull();
        assertThat(failure(source.await()).getMessage()).contains("not asked again");

        WireMockServer back = new WireMockServer(wireMockConfig().port(port).bindAddress("127.0.0.1"));
        back.start();
        try {
            back.stubFor(post("/token").willReturn(TokenAnswers.token("back-again", 3600)));
            fixture.clock().advance(Duration.ofSeconds(1));
            assertThat(token(source)).isEqualTo("back-again");
            assertThat(back.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(1);
        } finally {
            back.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void brokenConnectionsAreAnswerlessFailures(Fault fault) throws Exception {
        answer(aResponse().withFault(fault));
        assertFailureKept(e -> {
            assertThat(e.getStatus()).isEqualTo(TokenEndpointException.NO_RESPONSE);
            assertThat(e.getMessage()).contains("gave no answer").contains("talking to " + vendor.baseUrl());
        });
    }

    @Test
    void aHangIsBoundedByTheResponseTimeoutAndSharedByAllWaiters() throws Exception {
        answer(TokenAnswers.token("too-late", 3600).withFixedDelay(HANG_MILLIS));
        TokenSource source = source();
        List<CompletableFuture<LocalToken>> waiters = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiters.add(source.await());
        }
        for (CompletableFuture<LocalToken> waiter : waiters) {
            TokenEndpointException e = failure(waiter);
            assertThat(e.getStatus()).isEqualTo(TokenEndpointException.NO_RESPONSE);
            assertThat(e.getMessage()).contains("answer from " + vendor.baseUrl().substring("http://".length()) + " within ")
                    .contains("responseTimeout)");
        }
        assertThat(source.statistics().fetches()).as("twenty waiters, one request").isEqualTo(1L);
        assertThat(fixture.store().get(source.key())).isNull();
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void anAnswerDrippingInIsBoundedByTheResponseTimeoutToo(boolean headersToo) throws Exception {
        // a byte every 100 ms, well within the 500 ms response timeout; the whole answer would take 30 s
        byte[] body = ("{\"access_token\":\"dripped-" + "x".repeat(300) + "\",\"expires_in\":3600}")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] whole = new byte[head.length + body.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(body, 0, whole, head.length, body.length);
        int dripFrom = headersToo ? 0 : head.length;
        ExecutorService dripper = Executors.newSingleThreadExecutor();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dripper.execute(() -> {
                try (Socket connection = server.accept(); OutputStream out = connection.getOutputStream()) {
                    connection.getInputStream().read(new byte[8192]);
                    out.write(whole, 0, dripFrom);
                    for (int i = dripFrom; i < whole.length && !Thread.currentThread().isInterrupted(); i++) {
                        out.write(whole[i]);
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException closed) {
                    // the client gave up: what this test expects
                }
            });
            TokenSource source = fixture.manager().source(ManagerFixture.request("http://127.0.0.1:"
                    + server.getLocalPort() + "/token"));
            TokenEndpointException e = failure(source.await());
            assertThat(e.getStatus()).isEqualTo(TokenEndpointException.NO_RESPONSE);
            assertThat(e.getMessage()).contains("(connectTimeout + responseTimeout)");
            assertThat(fixture.store().get(source.key())).isNull();
        } finally {
            dripper.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 301, 302, 307, 308 })
    void aRedirectIsNotFollowedSoTheCredentialGoesNowhereElse(int status) throws Exception {
        WireMockServer elsewhere = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere.start();
        try {
            elsewhere.stubFor(post("/token").willReturn(TokenAnswers.token("elsewhere", 3600)));
            answer(aResponse().withStatus(status).withHeader("Location", elsewhere.baseUrl() + "/token"));
            TokenSource source = source();
            TokenEndpointException e = failure(source.await());
            assertThat(e.getStatus()).isEqualTo(status);
            assertThat(elsewhere.getAllServeEvents()).as("nothing sent to the redirect's target").isEmpty();
            assertThat(fixture.store().get(source.key())).isNull();
        } finally {
            elsewhere.stop();
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedBeforeAnythingIsSent() throws Exception {
        WireMockServer selfSigned = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
                .bindAddress("127.0.0.1"));
        selfSigned.start();
        try {
            selfSigned.stubFor(post("/token").willReturn(TokenAnswers.token("over-tls", 3600)));
            TokenSource source = fixture.manager().source(ManagerFixture.request("https://127.0.0.1:"
                    + selfSigned.httpsPort() + "/token"));
            TokenEndpointException e = failure(source.await());
            assertThat(e.getStatus()).isEqualTo(TokenEndpointException.NO_RESPONSE);
            assertThat(e.getMessage()).contains("SSLHandshakeException talking to https://127.0.0.1:");
            assertThat(selfSigned.getAllServeEvents()).as("no request reached the server").isEmpty();
        } finally {
            selfSigned.stop();
        }
    }

    @Test
    void anHtmlErrorPageWithStatus200() throws Exception {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));
        assertFailureKept(e -> {
            assertThat(e.getStatus()).isEqualTo(200);
            assertThat(e.getMessage()).contains("the answer is not a JSON object");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"token_type\":\"Bearer\",\"expires_in\":3600}", "{\"access_token\":\"\"}",
        "{\"access_token\":\"   \"}", "{\"access_token\":null}", "{\"access_token\":{\"value\":\"x\"}}",
        "{\"access_token\":[\"x\"]}" })
    void jsonWithoutAnAccessToken(String body) throws Exception {
        answer(TokenAnswers.json(200, body));
        assertFailureKept(e -> assertThat(e.getMessage()).contains("the answer has no access_token"));
    }

    @Test
    void jsonWithAnErrorButStatus200CarriesTheVendorsWords() throws Exception {
        answer(TokenAnswers.json(200, "{\"error\":\"invalid_client\",\"error_description\":\"Unknown client\"}"));
        assertFailureKept(e -> assertThat(e.getMessage())
                .contains("HTTP 200: invalid_client - Unknown client (the answer has no access_token)"));
    }

    @ParameterizedTest
    @ValueSource(ints = { 200, 500 })
    void aHugeBodyIsRefusedUnread(int status) throws Exception {
        String padding = "x".repeat(2 * 1024 * 1024);
        answer(TokenAnswers.json(status, "{\"access_token\":\"" + padding + "\",\"expires_in\":3600}"));
        assertFailureKept(e -> {
            assertThat(e.getMessage()).contains("the answer is larger than 1048576 bytes");
            assertThat(e.getMessage().length()).isLessThan(300);
        });
    }

    @ParameterizedTest(name = "expires_in {0} gives {1} s")
    @CsvSource(delimiter = '|', value = {
        "-30 | 1", "0 | 1", "0.0001 | 1", "\"3600\" | 3600", "\" 120 \" | 120", "\"soon\" | 300", "true | 300",
        "{\"s\":1} | 300", "null | 300", "1e12 | 86400", "9223372036854775807 | 86400", "1e400 | 86400",
        "-1e400 | 1" })
    void oddLifetimesAreKeptWithinTheProfilesBounds(String expiresIn, long expectedSeconds) throws Exception {
        answer(TokenAnswers.json(200, "{\"access_token\":\"odd\",\"expires_in\":" + expiresIn + "}"));
        TokenSource source = source();
        LocalToken token = source.await().get(20, TimeUnit.SECONDS);
        assertThat(token.token().lifetime()).isEqualTo(Duration.ofSeconds(expectedSeconds));
        for (int i = 0; i < 100; i++) {
            assertThat(source.tryNow()).as("served without asking again").isSameAs(token);
        }
        assertThat(source.statistics().fetches()).isEqualTo(1L);
    }

    @Test
    void aClampedLifetimeWarnsOncePerProfile() throws Exception {
        answer(TokenAnswers.json(200, "{\"access_token\":\"odd\",\"expires_in\":-5}"));
        try (LogCapture logs = new LogCapture()) {
            TokenSource source = source();
            token(source);
            long warnings = logs.lines().stream().filter(line -> line.contains("below minLifetime")).count();
            assertThat(warnings).isPositive();
            for (int i = 0; i < 4; i++) {
                fixture.clock().advance(Duration.ofSeconds(2));
                token(source);
            }
            assertThat(source.statistics().fetches()).isEqualTo(5L);
            assertThat(logs.lines().stream().filter(line -> line.contains("below minLifetime")).count())
                    .as("no further warning for the same profile").isEqualTo(warnings);
        }
    }

    /** Kinds of failure during the refresh window, each with what a refresh attempt sees. */
    enum RefreshFault {
        SERVER_ERROR(TokenAnswers.json(503, "{\"error\":\"temporarily_unavailable\"}")),
        RESET(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
        HTML_200(aResponse().withStatus(200).withBody("<html>oops</html>")),
        HANG(TokenAnswers.token("too-late", 100).withFixedDelay(HANG_MILLIS));

        private final ResponseDefinitionBuilder answer;

        RefreshFault(ResponseDefinitionBuilder answer) {
            this.answer = answer;
        }
    }

    @ParameterizedTest
    @EnumSource(RefreshFault.class)
    void aStillValidTokenIsServedWhileRefreshesFailAndTheNextSuccessReplacesIt(RefreshFault fault) throws Exception {
        try (ManagerFixture quick = new ManagerFixture(RESPONSE_TIMEOUT,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)), 4)) {
            answer(TokenAnswers.token("t1", 1000));
            TokenSource source = quick.manager().source(ManagerFixture.request(vendor.baseUrl() + "/token"));
            token(source);

            // the refresh window opens at 940 s (60 s before expiry), the copy refreshes in its first half (by 967.5 s),
            // and the token is sent until 995 s; the endpoint fails for 20 s from the first attempt on, then is back
            answer(fault.answer);
            quick.clock().advance(Duration.ofSeconds(940));
            long failedAttempts = 0;
            int firstFailure = 0;
            for (int step = 1; step <= 600 && "t1".equals(source.tryNow().token().value()); step++) {
                quick.settle();
                if (firstFailure == 0 && source.statistics().failures() > 0) {
                    firstFailure = step;
                }
                if (firstFailure > 0 && step == firstFailure + 200) {
                    failedAttempts = source.statistics().failures();
                    answer(TokenAnswers.token("t2", 1000));
                }
                quick.clock().advance(Duration.ofMillis(100));
                assertThat(source.tryNow()).as("a token is served at step " + step).isNotNull();
            }
            quick.settle();
            assertThat(source.tryNow().token().value()).as("recovered before the old token expired").isEqualTo("t2");
            // 20 s of failures with back-offs of 0.5 to 4 s: a handful of attempts, not one per 100 ms step
            assertThat(failedAttempts).as("refresh attempts while failing").isBetween(5L, 14L);
            assertThat(source.statistics().failures()).as("none after the endpoint was back").isEqualTo(failedAttempts);
            assertThat(source.statistics().fetches()).as("one request brought the recovery")
                    .isEqualTo(failedAttempts + 2);
            long requests = failedAttempts + 2;
            eventually("the vendor saw every request", () -> tokenCalls(vendor) == requests);
        }
    }

    @Test
    void aLongOutageCostsTheVendorAFewRequestsNotAStorm() throws Exception {
        answer(TokenAnswers.json(503, "{\"error\":\"temporarily_unavailable\"}"));
        TokenSource source = source();
        // ten minutes, a caller every 100 ms: 6,000 calls
        for (int step = 0; step < 6000; step++) {
            failure(source.await());
            fixture.clock().advance(Duration.ofMillis(100));
        }
        // two new attempts at once, then back-offs after n failures past the threshold between half and all of
        // min(2^(n-1) s, 60 s)
        assertThat(source.statistics().fetches()).isBetween(16L, 29L);

        answer(TokenAnswers.token("after-outage", 3600));
        fixture.clock().advance(Duration.ofSeconds(60));
        assertThat(token(source)).isEqualTo("after-outage");
    }
}
