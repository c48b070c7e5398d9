package org.lastmile.camel.examples;

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

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.Config;
import com.hazelcast.config.YamlConfigBuilder;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Camel K manifests and the Kamelet, checked as far as can be without a cluster: well-formed YAML, the Kamelet's
 * template naming only properties it declares and a dependency Camel K can fetch, the Pipe setting only the Kamelet's
 * properties, and the Hazelcast configurations loading as Hazelcast reads them.
 */
class CamelKManifestsTest {

    static final Path CAMEL_K = Path.of("camel-k");
    static final Path KAMELET = Path.of("src/main/resources/kamelets/vendorauth-action.kamelet.yaml");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z0-9]+)}}");

    @Test
    void everyManifestIsWellFormedKubernetesYaml() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(CAMEL_K)) {
            listed.filter(path -> path.toString().endsWith(".yaml")).forEach(files::add);
        }
        files.add(KAMELET);
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        for (Path file : files) {
            for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
                assertThat(document).as(file.toString()).isInstanceOf(Map.class);
                Map<?, ?> map = (Map<?, ?>) document;
                boolean hazelcast = map.containsKey("hazelcast") || map.containsKey("hazelcast-client");
                assertThat(hazelcast || map.containsKey("apiVersion") && map.containsKey("kind")).as(file.toString())
                        .isTrue();
            }
        }
    }

    @Test
    void theKameletDeclaresWhatItsTemplateUsesAndAFetchableDependency() throws IOException {
        String text = Files.readString(KAMELET);
        Map<String, Object> kamelet = load(KAMELET);
        assertThat(kamelet).containsEntry("apiVersion", "camel.apache.org/v1").containsEntry("kind", "Kamelet");
        Map<String, Object> spec = child(kamelet, "spec");
        Map<String, Object> definition = child(spec, "definition");
        Set<String> properties = child(definition, "properties").keySet();
        assertThat(properties).containsAll(strings(definition.get("required")));

        String template = text.substring(text.indexOf("template:"));
        Matcher used = PLACEHOLDER.matcher(template);
        List<String> names = new ArrayList<>();
        while (used.find()) {
            names.add(used.group(1));
        }
        assertThat(names).isNotEmpty();
        assertThat(properties).containsAll(names);
        // every property is passed on, and every optional one as an optional placeholder
        assertThat(names).containsAll(properties);
        for (String name : properties) {
            if (!strings(definition.get("required")).contains(name)) {
                assertThat(template).contains("{{?" + name + "}}");
            }
        }
        // a parameter marked secret would be wrapped in RAW(...) with its placeholder unresolved: options stay in the URI
        assertThat(template).doesNotContain("parameters:").doesNotContain("RAW({{");

        assertThat(strings(spec.get("dependencies"))).contains("camel:kamelet")
                .anySatisfy(dependency -> assertThat(dependency).startsWith("mvn:org.lastmile.camel:camel-lastmile-auth:"))
                .noneSatisfy(dependency -> assertThat(dependency).contains("SNAPSHOT"));
    }

    @Test
    void thePipeSetsOnlyPropertiesTheKameletHas() throws IOException {
        Set<String> properties = child(child(child(load(KAMELET), "spec"), "definition"), "properties").keySet();
        Map<String, Object> pipe = load(CAMEL_K.resolve("orders-pipe.yaml"));
        assertThat(pipe).containsEntry("kind", "Pipe");
        List<?> steps = (List<?>) child(pipe, "spec").get("steps");
        @SuppressWarnings("unchecked")
        Map<String, Object> step = (Map<String, Object>) steps.get(0);
        assertThat(child(step, "ref")).containsEntry("name", "vendorauth-action");
        assertThat(properties).containsAll(child(step, "properties").keySet());
    }

    @Test
    void theHazelcastConfigurationsLoadAsHazelcastReadsThem() throws IOException {
        Config embedded = new YamlConfigBuilder(Files.newInputStream(CAMEL_K.resolve("hazelcast-embedded.yaml"))).build();
        assertThat(embedded.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled()).isTrue();
        assertThat(embedded.getNetworkConfig().getJoin().getKubernetesConfig().getProperty("service-dns"))
                .isEqualTo("vendorauth-orders-hazelcast.default.svc.cluster.local");
        assertThat(embedded.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();

        Config cluster = new YamlConfigBuilder(Files.newInputStream(CAMEL_K.resolve("hazelcast-cluster.yaml"))).build();
        ClientConfig client = new YamlClientConfigBuilder(Files.newInputStream(CAMEL_K.resolve("hazelcast-client.yaml")))
                .build();
        assertThat(client.getClusterName()).isEqualTo(cluster.getClusterName());
        assertThat(client.getNetworkConfig().getAddresses()).singleElement().asString()
                .startsWith(cluster.getNetworkConfig().getJoin().getKubernetesConfig().getProperty("service-dns"));

        // the headless Service selects the integration's pods on the member port
        Map<String, Object> service = load(CAMEL_K.resolve("service.yaml"));
        assertThat(child(service, "spec")).containsEntry("clusterIP", "None")
                .containsEntry("publishNotReadyAddresses", true);
        assertThat(embedded.getNetworkConfig().getJoin().getKubernetesConfig().getProperty("service-dns"))
                .startsWith(child(service, "metadata").get("name") + ".");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> map, String key) {
        assertThat(map).containsKey(key);
        return (Map<String, Object>) map.get(key);
    }

    private static List<String> strings(Object list) {
        return list == null ? List.of() : ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
