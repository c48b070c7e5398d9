package org.lastmile.camel.vendorauth.springboot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole way of a new option, as a developer takes it: a copy of the project gets one more {@code @UriParam} on
 * {@code VendorAuthConfiguration} and nothing else, and is built (component, generator, starter; no tests) with this
 * build's Maven, offline. The starter's IDE metadata then describes the option with its default, and named credentials
 * take it too.
 */
class NewUriParamBuildTest {

    private static final String DESCRIPTION = "How many times a refused token request is tried again.";
    /** What the build writes or fetches, not the project's sources. */
    private static final Set<String> NOT_COPIED = Set.of("target", ".git", "generated");

    @TempDir
    Path copy;

    @Test
    void aUriParamAddedToTheComponentIsAStarterPropertyAtTheNextBuild() throws Exception {
        copyProject(Path.of("").toAbsolutePath().getParent(), copy);
        Path options = copy.resolve("camel-lastmile-auth/src/main/java/org/lastmile/camel/vendorauth/"
                + "VendorAuthConfiguration.java");
        String source = Files.readString(options);
        int body = source.indexOf('{', source.indexOf("public class VendorAuthConfiguration")) + 1;
        Files.writeString(options, source.substring(0, body) + """

                    @UriParam(label = "advanced", defaultValue = "7", description = "%s")
                    private int tokenRetries = 7;

                    public int getTokenRetries() {
                        return tokenRetries;
                    }

                    public void setTokenRetries(int tokenRetries) {
                        this.tokenRetries = tokenRetries;
                    }
                """.formatted(DESCRIPTION) + source.substring(body));

        build(copy, "-pl", "camel-lastmile-auth-spring-boot-starter", "-am", "process-classes");

        Path starter = copy.resolve("camel-lastmile-auth-spring-boot-starter/target");
        JsonNode property = null;
        for (JsonNode candidate : new ObjectMapper().readTree(
                starter.resolve("classes/META-INF/spring-configuration-metadata.json").toFile()).path("properties")) {
            if (candidate.path("name").asText().equals("camel.component.vendorauth.token-retries")) {
                property = candidate;
            }
        }
        assertThat(property).isNotNull();
        assertThat(property.path("description").asText()).isEqualTo(DESCRIPTION);
        assertThat(property.path("type").asText()).isEqualTo("java.lang.Integer");
        assertThat(property.path("defaultValue").asInt()).isEqualTo(7);
        assertThat(Files.readString(starter.resolve("generated-sources/starter/org/lastmile/camel/vendorauth/springboot/"
                + "VendorAuthCredentialProperties.java"))).contains("private String tokenRetries;");
    }

    private static void copyProject(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                boolean skipped = false;
                for (Path part : relative) {
                    skipped |= NOT_COPIED.contains(part.toString());
                }
                if (!skipped && Files.isRegularFile(file)) {
                    Files.createDirectories(to.resolve(relative).getParent());
                    Files.copy(file, to.resolve(relative));
                }
            }
        }
    }

    /** Runs this build's Maven on the copy, offline (everything it needs was fetched by this build), and waits for it. */
    private static void build(Path project, String... goals) throws Exception {
        String mavenHome = System.getProperty("nested.maven.home");
        assertThat(mavenHome).as("nested.maven.home, set by the starter's pom").isNotNull();
        List<String> command = new ArrayList<>(List.of(Path.of(mavenHome, "bin", "mvn").toString(), "-B", "-q", "-o",
                "-Dmaven.repo.local=" + System.getProperty("nested.maven.repo.local"), "-Dmaven.test.skip=true"));
        command.addAll(List.of(System.getProperty("nested.maven.versions", "").trim().split("\\s+")));
        command.addAll(List.of(goals));
        Path log = project.resolve("build.log");
        Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertThat(maven.waitFor(10, TimeUnit.MINUTES)).as("the build of the copy ends").isTrue();
        } finally {
            maven.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(maven.exitValue()).as(output.substring(Math.max(0, output.length() - 4000))).isZero();
    }
}
