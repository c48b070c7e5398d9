package org.lastmile.camel.vendorauth.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.internal.oauth.TokenResponseParser;
import org.lastmile.camel.vendorauth.internal.policy.Backoff;
import org.lastmile.camel.vendorauth.internal.policy.LocalToken;
import org.lastmile.camel.vendorauth.internal.policy.TokenSource;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.test.Encodings;
import org.lastmile.camel.vendorauth.test.ManagerFixture;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.bigIntegers;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Randomized token answers (JSON of any shape, odd types and sizes, unicode, lifetimes from the absurd to the negative,
 * broken bodies, echoed secrets) fed to the parser and, over HTTP, to the manager. Whatever comes: the only failure is a
 * {@link TokenEndpointException}, nothing is stored after a failure, a good answer is accepted with a lifetime within the
 * profile's bounds, and no access token, refresh token or secret appears in an exception message.
 */
class TokenAnswerFuzzTest {

    /** The client secret of the fixture's credential. */
    private static final String CLIENT_SECRET = "secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenResponseParser parser = new TokenResponseParser();
    private final WireMockServer vendor = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private final ManagerFixture fixture = new ManagerFixture(Duration.ofSeconds(2),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)), 2);
    private final AtomicInteger tries = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    TokenAnswerFuzzTest() {
        vendor.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        fixture.close();
        vendor.stop();
    }

    /** What the JSON answer's access_token field holds. */
    enum AccessShape { TEXT, ABSENT, EMPTY, BLANK, NULL, NUMBER, OBJECT, ARRAY }

    /** Which planted text the vendor echoes in its error fields. */
    enum Echo { NONE, ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET, EVERYTHING }

    /** How the body is broken after it is written. */
    enum Mangle { NONE, TRUNCATED, RANDOM_BYTES, JSON_ARRAY, JSON_SCALAR, HTML }

    /**
     * One answer of the token endpoint.
     *
     * @param status       the HTTP status
     * @param body         the body as sent
     * @param accessToken  the access token text planted in the answer, or {@code null} when the answer carries none as text
     *                     (a vendor's words that merely look like a token are nobody's secret)
     * @param refreshToken the refresh token planted, or {@code null}
     * @param wellFormed   whether this is a 2xx JSON object with a textual access token: it must be accepted
     */
    record Answer(int status, byte[] body, String accessToken, String refreshToken, boolean wellFormed) {
        @Override
        public String toString() {
            return "Answer[status=" + status + ", body=" + new String(body, 0, Math.min(body.length, 400),
                    StandardCharsets.UTF_8) + "]";
        }
    }

    /** Unicode from the space on, without lone surrogates, so that it can be written as UTF-8. */
    static Gen<String> text(int min, int max) {
        return strings().betweenCodePoints(' ', 0xD7FF).ofLengthBetween(min, max);
    }

    /** A value, or {@code null} as often as {@code percentNull} says. */
    static <T> Gen<T> orNull(Gen<T> values, int percentNull) {
        return values.toOptionals(percentNull).map(value -> value.orElse(null));
    }

    /** Opaque tokens and JWTs whose exp is anything a number or a string can say. */
    private static Gen<String> tokens() {
        Gen<Object> exp = Generate.oneOf(longs().all().map(Object.class::cast), doubles().any().map(Object.class::cast),
                longs().between(1_700_000_000L, 1_900_000_000L).map(Object.class::cast), text(0, 12).map(Object.class::cast));
        Gen<String> jwt = exp.map(value -> {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", "fuzz");
            claims.put("exp", value);
            return Encodings.unsignedJwt(new String(write(claims), StandardCharsets.UTF_8));
        });
        return Generate.oneOf(text(8, 64).assuming(token -> !token.isBlank()), jwt);
    }

    /** Any JSON value, weighted towards what lifetimes are written as. */
    @SuppressWarnings("unchecked")
    private static Gen<Object> jsonValues() {
        return Generate.frequency(
                Pair.of(3, integers().all().map(Object.class::cast)),
                Pair.of(2, longs().all().map(Object.class::cast)),
                Pair.of(2, doubles().any().map(Object.class::cast)),
                Pair.of(1, bigIntegers().ofBytes(13).map(Object.class::cast)),
                Pair.of(2, integers().all().map(number -> String.valueOf(number)).map(Object.class::cast)),
                Pair.of(1, Generate.pick(List.<Object>of("NaN", "Infinity", "-Infinity", "1e400", "0x10", " 60 ", "",
                        "3600s"))),
                Pair.of(2, text(0, 20).map(Object.class::cast)),
                Pair.of(1, Generate.booleans().map(Object.class::cast)),
                Pair.of(1, Generate.constant((Object) Map.of("seconds", 60))),
                Pair.of(1, Generate.constant((Object) List.of(60, "s"))));
    }

    /** A map of up to {@code max} entries; keys drawn again may replace earlier ones. */
    static <V> Gen<Map<String, V>> maps(Gen<String> keys, Gen<V> values, int max) {
        Gen<Integer> size = Generate.range(0, max);
        return in -> {
            Map<String, V> map = new LinkedHashMap<>();
            for (int i = size.generate(in); i > 0; i--) {
                map.put(keys.generate(in), values.generate(in));
            }
            return map;
        };
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of plain values could not be written", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Gen<Answer> answers() {
        Gen<Integer> status = Generate.pick(List.of(200, 200, 200, 200, 201, 400, 401, 403, 429, 500, 502, 503));
        Gen<AccessShape> shape = Generate.frequency(Pair.of(6, Generate.constant(AccessShape.TEXT)),
                Pair.of(4, Generate.enumValues(AccessShape.class)));
        Gen<Echo> echo = Generate.enumValues(Echo.class);
        Gen<Mangle> mangle = Generate.frequency(Pair.of(6, Generate.constant(Mangle.NONE)),
                Pair.of(4, Generate.enumValues(Mangle.class)));
        Gen<Map<String, Object>> extra = maps(text(1, 12), jsonValues(), 4);
        Gen<String> accessTokens = tokens();
        Gen<String> refreshTokens = orNull(tokens(), 50);
        Gen<Object> expiresIn = orNull(jsonValues(), 20);
        return in -> answer(status.generate(in), accessTokens.generate(in), shape.generate(in),
                refreshTokens.generate(in), expiresIn.generate(in), echo.generate(in), mangle.generate(in),
                extra.generate(in));
    }

    private static Answer answer(int status, String accessToken, AccessShape shape, String refreshToken, Object expiresIn,
                                 Echo echo, Mangle mangle, Map<String, Object> extra) {
        Map<String, Object> json = new LinkedHashMap<>(extra);
        switch (shape) {
            case TEXT -> json.put("access_token", accessToken);
            case ABSENT -> json.remove("access_token");
            case EMPTY -> json.put("access_token", "");
            case BLANK -> json.put("access_token", "  \t ");
            case NULL -> json.put("access_token", null);
            case NUMBER -> json.put("access_token", 12345678);
            case OBJECT -> json.put("access_token", Map.of("value", accessToken));
            case ARRAY -> json.put("access_token", List.of(accessToken));
        }
        json.put("token_type", "bearer");
        json.put("expires_in", expiresIn);
        if (refreshToken != null) {
            json.put("refresh_token", refreshToken);
            json.put("refresh_expires_in", expiresIn);
        }
        String echoed = switch (echo) {
            case NONE -> null;
            case ACCESS_TOKEN -> "token " + accessToken + " is revoked";
            case REFRESH_TOKEN -> "refresh token " + refreshToken + " expired";
            case CLIENT_SECRET -> "client secret " + CLIENT_SECRET + " is wrong";
            case EVERYTHING -> accessToken + "|" + refreshToken + "|" + CLIENT_SECRET;
        };
        if (echoed != null) {
            json.put("error", echo == Echo.EVERYTHING ? echoed : "invalid_request");
            json.put("error_description", echoed);
        }
        byte[] body = write(json);
        byte[] sent = switch (mangle) {
            case NONE -> body;
            case TRUNCATED -> Arrays.copyOf(body, body.length / 2);
            case RANDOM_BYTES -> Arrays.copyOf(body, body.length);
            case JSON_ARRAY -> write(List.of(json));
            case JSON_SCALAR -> write(accessToken);
            case HTML -> ("<html><body>" + accessToken + "</body></html>").getBytes(StandardCharsets.UTF_8);
        };
        if (mangle == Mangle.RANDOM_BYTES) {
            for (int i = 0; i < sent.length; i += 7) {
                sent[i] = (byte) (sent[i] * 31 + i);
            }
        }
        boolean wellFormed = status / 100 == 2 && shape == AccessShape.TEXT && mangle == Mangle.NONE;
        return new Answer(status, sent, shape == AccessShape.TEXT ? accessToken : null, refreshToken, wellFormed);
    }

    /** What holds for any answer: accepted within bounds, or refused with nothing secret said. */
    private void assertKept(Answer answer, AccessToken token, Throwable failure) {
        (failure == null ? accepted : refused).incrementAndGet();
        if (failure == null) {
            assertThat(answer.status() / 100).as("only a 2xx answer gives a token").isEqualTo(2);
            assertThat(token.value()).isNotBlank();
            if (answer.wellFormed()) {
                assertThat(token.value()).isEqualTo(answer.accessToken());
            }
            assertThat(token.lifetime()).isBetween(Duration.ofSeconds(1), Duration.ofDays(1));
            assertThat(token.refreshToken()).isIn(answer.refreshToken(), null);
            assertThat(token.toString()).doesNotContain(token.value());
            return;
        }
        assertThat(answer.wellFormed()).as("a well-formed answer was refused: %s", failure).isFalse();
        assertThat(failure).isInstanceOf(TokenEndpointException.class);
        String message = failure.getMessage();
        assertThat(message).doesNotContain(CLIENT_SECRET).hasSizeLessThan(1200);
        for (String planted : Arrays.asList(answer.accessToken(), answer.refreshToken())) {
            if (planted != null) {
                assertThat(message).doesNotContain(planted);
            }
        }
    }

    /** Both outcomes must occur, or the generator tests only one side. */
    private void assertBothOutcomes() {
        assertThat(accepted).as("answers accepted").hasPositiveValue();
        assertThat(refused).as("answers refused").hasPositiveValue();
    }

    @Test
    void theParserAcceptsWithinBoundsOrRefusesWithoutSecrets() {
        qt().withExamples(300).forAll(answers()).checkAssert(this::parse);
        assertBothOutcomes();
    }

    private void parse(Answer answer) {
        AccessToken token = null;
        Throwable failure;
        try {
            if (answer.status() / 100 == 2) {
                token = parser.parseToken("fuzz", answer.status(), answer.body(), ManagerFixture.SECONDS,
                        ManagerFixture.START, List.of(CLIENT_SECRET));
                failure = null;
            } else {
                failure = parser.parseError("fuzz", answer.status(), answer.body(), null, List.of(CLIENT_SECRET));
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        assertKept(answer, token, failure);
    }

    @Test
    void theManagerCachesOnlyGoodAnswersAndFailsOnlyWithTokenEndpointException() {
        qt().withExamples(200).forAll(answers(), retryAfters()).checkAssert((answer, retryAfter) -> {
            try {
                fetch(answer, retryAfter);
            } catch (Exception e) {
                throw new AssertionError("the fetch could not be run", e);
            }
        });
        assertBothOutcomes();
    }

    private void fetch(Answer answer, String retryAfter) throws Exception {
        vendor.stubFor(post("/token").willReturn(aResponse().withStatus(answer.status())
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", retryAfter)
                .withBody(answer.body())));
        // a credential per try, so that each starts without a token and without a back-off
        TokenSource source = fixture.manager().source(ManagerFixture.request(vendor.baseUrl() + "/token",
                Map.of("try", String.valueOf(tries.incrementAndGet()))));
        CompletableFuture<LocalToken> call = source.await();
        AccessToken token = null;
        Throwable failure = null;
        try {
            token = call.get(20, TimeUnit.SECONDS).token();
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        assertKept(answer, token, failure);
        assertThat(fixture.store().get(source.key())).as("stored exactly what was accepted").isEqualTo(token);
        if (failure != null) {
            // a hiccup gets new attempts, up to the fail-fast threshold (3 in a row)
            for (int attempt = 2; attempt <= 3; attempt++) {
                assertThat(source.await()).failsWithin(5, TimeUnit.SECONDS).withThrowableThat()
                        .withCauseInstanceOf(TokenEndpointException.class);
            }
            long asked = source.statistics().fetches();
            assertThat(source.await()).failsWithin(5, TimeUnit.SECONDS).withThrowableThat()
                    .withCauseInstanceOf(TokenEndpointException.class);
            assertThat(source.statistics().fetches()).as("the vendor is left alone once failures persist")
                    .isEqualTo(asked);
        }
    }

    @SuppressWarnings("unchecked")
    private static Gen<String> retryAfters() {
        return Generate.oneOf(longs().all().map(number -> String.valueOf(number)),
                // any printable ASCII text, as a header value may carry
                strings().ascii().ofLengthBetween(1, 40).map(text -> "x" + text.chars()
                        .map(c -> ' ' + c % 95).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                                StringBuilder::append).toString().trim()),
                Generate.constant("Wed, 21 Oct 2015 07:28:00 GMT"), Generate.constant("Fri, 31 Dec 9999 23:59:59 GMT"));
    }
}
