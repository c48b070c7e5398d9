package org.lastmile.camel.vendorauth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages are the layers of {@code docs/architecture.md}: each may use only the layers below it, so data flows one
 * way (exchange, policy, store, client, vendor). Read from the sources, so that a new import that breaks the rule fails
 * here, naming the file.
 */
class LayeringTest {

    private static final String ROOT = "org.lastmile.camel.vendorauth";
    private static final Path SOURCES = Path.of("src/main/java/org/lastmile/camel/vendorauth");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?" + Pattern.quote(ROOT) + "((?:\\.[a-z]\\w*)*)\\.[A-Z]",
            Pattern.MULTILINE);

    /** What each package may import of this project besides itself. The face ({@code ""}) may import every layer. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            ".spi", Set.of(),
            ".internal.profile", Set.of(".spi"),
            ".internal.oauth", Set.of(".spi", ".internal.profile"),
            ".internal.store", Set.of(".spi"),
            ".internal.store.hazelcast", Set.of(".spi", ".internal.store"),
            ".internal.policy", Set.of(".spi", ".internal.profile", ".internal.oauth"),
            ".internal.metrics", Set.of(".spi", ".internal.profile", ".internal.policy"));

    @Test
    void noPackageImportsALayerAboveIt() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = "." + SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                pkg = pkg.equals(".") ? "" : pkg;
                if (pkg.isEmpty()) {
                    continue;
                }
                Set<String> allowed = ALLOWED.get(pkg);
                assertThat(allowed).as("package %s has a place in the layers", pkg).isNotNull();
                Matcher imports = IMPORT.matcher(Files.readString(file));
                while (imports.find()) {
                    String target = imports.group(1);
                    if (!target.equals(pkg) && !allowed.contains(target)) {
                        violations.add(file.getFileName() + " imports " + ROOT + target);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
