package org.lastmile.camel.vendorauth.reliability;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.internal.profile.ProfileReader;
import org.lastmile.camel.vendorauth.internal.profile.VendorProfile;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Randomized profile files, built from the profile vocabulary with values of any JSON type (and a few misspelt fields):
 * a file is either read into a profile or refused with an {@link IllegalArgumentException} that names the file. Nothing
 * else escapes the reader, so a bad file always fails start-up with a message a person can act on.
 */
class ProfileFileFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOP = List.of("name", "description", "environments", "defaultEnvironment",
            "grantType", "clientAuthentication", "bodyFormat", "parameters", "expiry", "refresh", "grantTyp", "Name");
    private static final List<String> ENVIRONMENT = List.of("tokenUrl", "refreshUrl", "apiUrl", "parameters", "tokenURL");
    private static final List<String> EXPIRY = List.of("expiresInUnit", "defaultLifetime", "minLifetime", "maxLifetime",
            "refreshTokenLifetime", "maxlifetime");
    private static final List<String> REFRESH = List.of("enabled", "clientAuthentication", "bodyFormat",
            "carriedParameters", "enable");

    private final ProfileReader reader = new ProfileReader();
    private final AtomicInteger read = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    /** Plausible and implausible leaf values: option words, durations, URLs, numbers, booleans, lists. */
    @SuppressWarnings("unchecked")
    private static Gen<Object> leaves() {
        return Generate.oneOf(
                Generate.pick(List.<Object>of("client_credentials", "password", "implicit", "basic", "basic-raw", "body",
                        "none", "form", "json", "xml", "seconds", "milliseconds", "hours", "production", "staging", "PT1S",
                        "PT5M", "P1D", "-PT1S", "P0D", "PT0S", "1 day", "", "https://auth.example.test/token",
                        "not a url")),
                TokenAnswerFuzzTest.text(0, 12).map(Object.class::cast),
                integers().all().map(Object.class::cast),
                Generate.booleans().map(Object.class::cast),
                Generate.constant((Object) List.of("tenantType", 3)));
    }

    private static Gen<Map<String, Object>> objectOf(List<String> fields, Gen<Object> values) {
        return TokenAnswerFuzzTest.maps(Generate.pick(fields), values, fields.size());
    }

    @SuppressWarnings("unchecked")
    private static Gen<byte[]> profiles() {
        Gen<Object> environment = objectOf(ENVIRONMENT, Generate.oneOf(leaves(),
                objectOf(List.of("audience", "tenant"), leaves()).map(Object.class::cast))).map(Object.class::cast);
        Gen<Object> environments = TokenAnswerFuzzTest.maps(Generate.pick(List.of("production", "staging", "")),
                Generate.oneOf(environment, leaves()), 2).map(Object.class::cast);
        Gen<Object> nested = Generate.oneOf(environments,
                objectOf(EXPIRY, leaves()).map(Object.class::cast),
                objectOf(REFRESH, leaves()).map(Object.class::cast),
                objectOf(List.of("audience", "scope"), leaves()).map(Object.class::cast), leaves());
        Gen<Map<String, Object>> top = objectOf(TOP, Generate.oneOf(leaves(), nested));
        // mostly named, so that the reader gets past the name and into the rest of the file
        Gen<Boolean> named = Generate.pick(List.of(true, true, true, false));
        return in -> {
            Map<String, Object> file = new LinkedHashMap<>(top.generate(in));
            if (named.generate(in)) {
                file.put("name", "acme");
                file.remove("grantTyp");
                file.remove("Name");
            }
            try {
                return JSON.writeValueAsBytes(file);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a map of plain values could not be written", e);
            }
        };
    }

    @Test
    void aProfileFileIsReadOrRefusedNamingTheFile() {
        qt().withExamples(400).forAll(profiles()).checkAssert(this::readOrRefuse);
        // both outcomes must occur, or the generator tests only one side
        assertThat(read).as("files read").hasPositiveValue();
        assertThat(refused).as("files refused").hasPositiveValue();
    }

    private void readOrRefuse(byte[] file) {
        try {
            VendorProfile profile = reader.read(new ByteArrayInputStream(file), "fuzz.json");
            assertThat(profile.name()).isNotBlank();
            assertThat(profile.expiry().minLifetime()).isLessThanOrEqualTo(profile.expiry().maxLifetime());
            if (profile.defaultEnvironment() != null) {
                assertThat(profile.environments()).containsKey(profile.defaultEnvironment());
            }
            read.incrementAndGet();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("Profile fuzz.json");
            refused.incrementAndGet();
        }
    }
}
