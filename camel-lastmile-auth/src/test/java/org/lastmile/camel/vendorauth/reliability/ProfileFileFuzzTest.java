package org.lastmile.camel.vendorauth.reliability;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.lastmile.camel.vendorauth.profile.ProfileReader;
import org.lastmile.camel.vendorauth.profile.VendorProfile;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Plausible and implausible leaf values: option words, durations, URLs, numbers, booleans, null, lists. */
    private static Arbitrary<Object> leaves() {
        return Arbitraries.oneOf(
                Arbitraries.of("client_credentials", "password", "implicit", "basic", "basic-raw", "body", "none", "form",
                        "json", "xml", "seconds", "milliseconds", "hours", "production", "staging", "PT1S", "PT5M",
                        "P1D", "-PT1S", "P0D", "PT0S", "1 day", "", "https://auth.example.test/token", "not a url")
                        .map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(12).map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just(List.of("tenantType", 3)).map(Object.class::cast));
    }

    private static Arbitrary<Map<String, Object>> objectOf(List<String> fields, Arbitrary<Object> values) {
        return Arbitraries.maps(Arbitraries.of(fields), values).ofMaxSize(fields.size());
    }

    @Provide
    Arbitrary<byte[]> profiles() {
        Arbitrary<Object> environment = objectOf(ENVIRONMENT, Arbitraries.oneOf(leaves(),
                objectOf(List.of("audience", "tenant"), leaves()).map(Object.class::cast))).map(Object.class::cast);
        Arbitrary<Object> environments = Arbitraries.maps(Arbitraries.of("production", "staging", ""),
                Arbitraries.oneOf(environment, leaves())).ofMaxSize(2).map(Object.class::cast);
        Arbitrary<Object> nested = Arbitraries.oneOf(environments,
                objectOf(EXPIRY, leaves()).map(Object.class::cast),
                objectOf(REFRESH, leaves()).map(Object.class::cast),
                objectOf(List.of("audience", "scope"), leaves()).map(Object.class::cast), leaves());
        // mostly named, so that the reader gets past the name and into the rest of the file
        return Combinators.combine(objectOf(TOP, Arbitraries.oneOf(leaves(), nested)),
                Arbitraries.of(true, true, true, false)).as((top, named) -> {
            Map<String, Object> file = new LinkedHashMap<>(top);
            if (named) {
                file.put("name", "acme");
                file.remove("grantTyp");
                file.remove("Name");
            }
            try {
                return JSON.writeValueAsBytes(file);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a map of plain values could not be written", e);
            }
        });
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.MIXIN)
    void aProfileFileIsReadOrRefusedNamingTheFile(@ForAll("profiles") byte[] file) {
        try {
            VendorProfile profile = reader.read(new ByteArrayInputStream(file), "fuzz.json");
            assertThat(profile.name()).isNotBlank();
            assertThat(profile.expiry().minLifetime()).isLessThanOrEqualTo(profile.expiry().maxLifetime());
            if (profile.defaultEnvironment() != null) {
                assertThat(profile.environments()).containsKey(profile.defaultEnvironment());
            }
            Statistics.collect("read");
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).startsWith("Profile fuzz.json");
            Statistics.collect("refused");
        }
        // both outcomes must occur, or the generator tests only one side
        Statistics.coverage(coverage -> {
            coverage.check("read").count(count -> count > 0);
            coverage.check("refused").count(count -> count > 0);
        });
    }
}
