package org.lastmile.camel.vendorauth.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Misconfiguration fails when the route starts, with a message that names the problem (the option, the profile, the file
 * and field), and never shows a secret.
 */
class BadConfigurationTest {

    private static final String SECRET = "cfg-Secret-77";
    private static final String PASSWORD = "cfg-Password-19";

    @TempDir
    Path profiles;

    /**
     * Starts a context whose one route sends to {@code uri}, on a component {@code setup} configured, and returns the
     * messages of the start-up failure and all its causes.
     */
    private static String startupError(Consumer<VendorAuthComponent> setup, String uri) {
        CamelContext camel = new DefaultCamelContext();
        VendorAuthComponent component = new VendorAuthComponent();
        component.setTokenStore(new InMemoryTokenStore());
        setup.accept(component);
        camel.addComponent("vendorauth", component);
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:api").to(uri);
                }
            });
            StringBuilder chain = new StringBuilder();
            assertThatThrownBy(camel::start).as("start-up of a route to %s", uri).satisfies(failure -> {
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    chain.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
                }
            });
            String messages = chain.toString();
            assertThat(messages).doesNotContain(SECRET).doesNotContain(PASSWORD);
            return messages;
        } catch (Exception e) {
            throw new AssertionError("the route could not even be added", e);
        } finally {
            camel.stop();
        }
    }

    private static String startupError(String uri) {
        return startupError(component -> { }, uri);
    }

    private static String uri(Map<String, String> options) {
        return "vendorauth:oauth2?" + options.entrySet().stream()
                .map(option -> option.getKey() + "=" + option.getValue()).collect(Collectors.joining("&"));
    }

    /** Complete option sets, one per kind of credential; each of their options is required for that kind. */
    static Stream<Arguments> completeCredentials() {
        String url = "http://127.0.0.1:1/token";
        String secret = "RAW(" + SECRET + ")";
        String password = "RAW(" + PASSWORD + ")";
        return Stream.of(
                Arguments.of("basic", Map.of("tokenUrl", url, "clientId", "orders", "clientSecret", secret)),
                Arguments.of("basic-raw", Map.of("tokenUrl", url, "clientId", "orders", "clientSecret", secret,
                        "clientAuthentication", "basic-raw")),
                Arguments.of("body", Map.of("tokenUrl", url, "clientId", "orders", "clientAuthentication", "body")),
                Arguments.of("password", Map.of("tokenUrl", url, "clientId", "orders", "clientSecret", secret,
                        "grantType", "password", "username", "ann", "password", password)),
                Arguments.of("password without client", Map.of("tokenUrl", url, "clientAuthentication", "none",
                        "grantType", "password", "username", "ann", "password", password)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completeCredentials")
    void everyRequiredOptionMissingInTurnIsNamed(String kind, Map<String, String> complete) {
        List<String> required = complete.keySet().stream()
                .filter(option -> !option.equals("clientAuthentication") && !option.equals("grantType")).toList();
        for (String missing : required) {
            Map<String, String> options = new LinkedHashMap<>(complete);
            options.remove(missing);
            assertThat(startupError(uri(options))).as("%s without %s", kind, missing)
                    .contains("Option " + missing + " is required");
        }
    }

    @Test
    void aRequiredOptionMissingFromTheComponentDefaultsIsNamed() {
        assertThat(startupError(component -> {
            component.getConfiguration().setClientId("orders");
            component.getConfiguration().setClientSecret(SECRET);
        }, "vendorauth:oauth2")).contains("Option tokenUrl is required");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tokenUrl | not a url | Option tokenUrl",
        "tokenUrl | http:// | Option tokenUrl",
        "tokenUrl | /token | Option tokenUrl must be an absolute http or https URL",
        "tokenUrl | ftp://127.0.0.1/token | Option tokenUrl must be an absolute http or https URL",
        "tokenUrl | http://exa mple.com/token | Option tokenUrl is not a valid URL",
        "tokenUrl | http://[::1/token | Option tokenUrl is not a valid URL",
        "tokenUrl | http://ann:" + PASSWORD + "@127.0.0.1/token | Option tokenUrl must not carry user information",
        "refreshUrl | mailto:auth@example.com | Option refreshUrl must be an absolute http or https URL" })
    void malformedUrlsAreNamed(String option, String value, String expected) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("tokenUrl", "http://127.0.0.1:1/token",
                "clientId", "orders", "clientSecret", "RAW(" + SECRET + ")"));
        options.put(option, "RAW(" + value + ")");
        assertThat(startupError(uri(options))).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({ "no-such-vendor, Unknown profile 'no-such-vendor'", "'Bad$Name', Unknown profile 'Bad$Name'" })
    void anUnknownProfileIsNamed(String profile, String expected) {
        assertThat(startupError("vendorauth:" + profile + "?clientId=orders")).contains(expected);
    }

    private String profileFile(String name, String json) throws IOException {
        Path file = profiles.resolve(name);
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return "file:" + file;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\": | is not valid JSON",
        "[1, 2] | the file must be a JSON object",
        "{\"description\":\"nameless\"} | field name is required",
        "{\"name\":\"acme\",\"grantTyp\":\"password\"} | field grantTyp is not a known field",
        "{\"name\":\"acme\",\"grantType\":\"implicit\"} | field grantType",
        "{\"name\":\"acme\",\"expiry\":{\"maxLifetime\":\"1 day\"}} | field expiry.maxLifetime must be an ISO-8601",
        "{\"name\":\"acme\",\"expiry\":{\"minLifetime\":\"-PT1S\"}} | field expiry.minLifetime must not be negative",
        "{\"name\":\"acme\",\"defaultEnvironment\":\"prod\"} | field defaultEnvironment names no environment" })
    void aBadProfileFileFailsStartUpNamingFileAndField(String json, String expected) throws IOException {
        String location = profileFile("acme.json", json);
        assertThat(startupError(component -> component.setProfileLocations(location), "vendorauth:acme?clientId=orders"))
                .contains(location).contains(expected);
    }

    @Test
    void aMissingProfileFileIsNamed() {
        String location = "file:" + profiles.resolve("missing.json");
        assertThat(startupError(component -> component.setProfileLocations(location), "vendorauth:acme?clientId=x"))
                .contains("missing.json");
    }

    @Test
    void twoProfileFilesOfOneNameAreRefused() throws IOException {
        String first = profileFile("a.json", "{\"name\":\"acme\"}");
        String second = profileFile("b.json", "{\"name\":\"acme\"}");
        assertThat(startupError(component -> component.setProfileLocations(first + "," + second),
                "vendorauth:acme?clientId=x")).contains("two files define the profile 'acme'");
    }

    @Test
    void aProfileWithAMalformedTokenUrlIsNamed() throws IOException {
        String location = profileFile("acme.json", "{\"name\":\"acme\",\"environments\":{\"production\":"
                + "{\"tokenUrl\":\"htp:/auth.acme.test\"}}}");
        assertThat(startupError(component -> component.setProfileLocations(location),
                "vendorauth:acme?clientId=orders&clientSecret=RAW(" + SECRET + ")"))
                .contains("Option tokenUrl must be an absolute http or https URL");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "backoffInitial | 5000 | backoffInitial",
        "refreshMargin | -1 | refreshMargin",
        "responseTimeout | 0 | responseTimeout",
        "connectTimeout | -5 | connectTimeout",
        "fetchThreads | 0 | fetchThreads",
        "maxConnections | 0 | maxConnections" })
    void impossibleComponentOptionsAreNamed(String option, long value, String expected) {
        String uri = "vendorauth:oauth2?tokenUrl=http://127.0.0.1:1/token&clientId=orders&clientSecret=RAW(" + SECRET + ")";
        assertThat(startupError(component -> {
            component.setBackoffMax(2000);
            switch (option) {
                case "backoffInitial" -> component.setBackoffInitial(value);
                case "refreshMargin" -> component.setRefreshMargin(value);
                case "responseTimeout" -> component.setResponseTimeout(value);
                case "connectTimeout" -> component.setConnectTimeout(value);
                case "fetchThreads" -> component.setFetchThreads((int) value);
                default -> component.setMaxConnections((int) value);
            }
        }, uri)).contains(expected);
    }
}
