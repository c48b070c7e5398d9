package org.lastmile.camel.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.config.InMemoryYamlConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.camel.simulators.SimulatorServer;
import org.lastmile.camel.vendorauth.VendorAuthComponent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two ways the pods of a Camel K integration share tokens, each with the configuration shipped in {@code camel-k/}
 * given through {@code hazelcastConfigUri}: pods as embedded members that find each other (Kubernetes discovery there,
 * the same file with a loopback member list here), and pods as clients of a Hazelcast cluster of its own.
 */
class PodsClusterTest {

    private final String cluster = "pods-" + UUID.randomUUID();
    private final List<CamelContext> pods = new ArrayList<>();
    private final List<HazelcastInstance> members = new ArrayList<>();
    private SimulatorServer sandbox;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        pods.forEach(CamelContext::stop);
        members.forEach(member -> member.getLifecycleService().terminate());
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void embeddedMembersOfTheKubernetesConfigurationFormOneTokenCluster() throws Exception {
        sandbox = Sandbox.start(Duration.ofMinutes(5));
        String yaml = Files.readString(CamelKManifestsTest.CAMEL_K.resolve("hazelcast-embedded.yaml"));
        int[] ports = {freePort(), freePort()};
        for (int port : ports) {
            // on a pod every member has port 5701 on an address of its own; here they share an address, not a port
            Path config = dir.resolve("member-" + port + ".yaml");
            Files.writeString(config, onLoopback(yaml, "vendorauth-orders", port, ports));
            pods.add(pod(config));
        }
        List<HazelcastInstance> started = Hazelcast.getAllHazelcastInstances().stream()
                .filter(member -> member.getConfig().getClusterName().equals(cluster)).toList();
        assertThat(started).hasSize(2).allSatisfy(member -> assertThat(member.getCluster().getMembers()).hasSize(2));

        assertThat(concurrently(40)).allSatisfy(body -> assertThat(body).contains("\"vendor\":\"oauth2\""));
        assertThat(sandbox.vendor("oauth2").tokenCalls()).isEqualTo(1);
    }

    @Test
    void clientPodsOfATwoMemberClusterKeepOneTokenAndSurviveAMembersLoss() throws Exception {
        sandbox = Sandbox.start(Duration.ofMinutes(5));
        int[] ports = {freePort(), freePort()};
        String memberYaml = Files.readString(CamelKManifestsTest.CAMEL_K.resolve("hazelcast-cluster.yaml"));
        for (int port : ports) {
            members.add(Hazelcast.newHazelcastInstance(
                    new InMemoryYamlConfig(onLoopback(memberYaml, "vendorauth-tokens", port, ports))));
        }
        String memberList = IntStream.of(ports).mapToObj(port -> "      - 127.0.0.1:" + port).collect(Collectors.joining("\n"));
        Path clientConfig = dir.resolve("client.yaml");
        Files.writeString(clientConfig, Files.readString(CamelKManifestsTest.CAMEL_K.resolve("hazelcast-client.yaml"))
                .replace("cluster-name: vendorauth-tokens", "cluster-name: " + cluster)
                .replace("      - vendorauth-tokens.default.svc.cluster.local:5701", memberList));
        pods.add(pod(clientConfig));
        pods.add(pod(clientConfig));
        // the pods are clients: the cluster still has its two members alone
        assertThat(HazelcastClient.getAllHazelcastClients())
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(members.get(1).getCluster().getMembers()).hasSize(2);
        assertThat(members.get(1).getClientService().getConnectedClients()).hasSizeGreaterThanOrEqualTo(2);

        assertThat(concurrently(40)).allSatisfy(body -> assertThat(body).contains("\"vendor\":\"oauth2\""));
        assertThat(sandbox.vendor("oauth2").tokenCalls()).isEqualTo(1);

        // a member dies (no graceful leave): its backup on the other member keeps the token
        long lost = System.nanoTime();
        members.get(0).getLifecycleService().terminate();
        List<String> after = concurrently(40);
        long recoveredMs = (System.nanoTime() - lost) / 1_000_000;
        assertThat(after).allSatisfy(body -> assertThat(body).contains("\"vendor\":\"oauth2\""));
        assertThat(sandbox.vendor("oauth2").tokenCalls()).isEqualTo(1);
        System.out.println("RELIABILITY client pods: 2 applications, 2 members, 80 exchanges, 1 member terminated: token calls="
                + sandbox.vendor("oauth2").tokenCalls() + ", 40 exchanges after the loss done in " + recoveredMs + " ms");
    }

    /** A Camel application as a pod runs it: the component given the Hazelcast configuration file, one route. */
    private CamelContext pod(Path hazelcastConfig) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        VendorAuthComponent component = new VendorAuthComponent();
        component.setHazelcastConfigUri("file:" + hazelcastConfig);
        component.getConfiguration().setTokenUrl(sandbox.baseUrl() + "/oauth2/token");
        component.getConfiguration().setClientId(Sandbox.DEMO.clientId());
        component.getConfiguration().setClientSecret(Sandbox.DEMO.clientSecret());
        camel.addComponent("vendorauth", component);
        String api = sandbox.baseUrl() + "/oauth2/api/orders";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:orders").to("vendorauth:oauth2").to(api).convertBodyTo(String.class);
            }
        });
        camel.start();
        return camel;
    }

    /** Exchanges sent at once, spread over the pods. */
    private List<String> concurrently(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ProducerTemplate template = pods.get(i % pods.size()).createProducerTemplate();
                calls.add(CompletableFuture.supplyAsync(() -> template.requestBody("direct:orders", null, String.class),
                        pool));
            }
            List<String> bodies = new ArrayList<>();
            for (CompletableFuture<String> call : calls) {
                bodies.add(call.get());
            }
            return bodies;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A configuration of {@code camel-k/} on loopback: its own cluster name, and in place of the Kubernetes discovery a
     * member list of loopback ports. Everything else as shipped.
     */
    private String onLoopback(String yaml, String shippedName, int port, int[] ports) {
        int join = yaml.indexOf("      kubernetes:");
        assertThat(join).as("the shipped configuration joins through Kubernetes").isPositive();
        String memberList = IntStream.of(ports).mapToObj(p -> "          - 127.0.0.1:" + p)
                .collect(Collectors.joining("\n"));
        return yaml.substring(0, join).replace("cluster-name: " + shippedName, "cluster-name: " + cluster)
                .replace("      port: 5701\n", "      port: " + port + "\n")
                + "      tcp-ip:\n        enabled: true\n        member-list:\n" + memberList + "\n"
                + "    interfaces:\n      enabled: true\n      interfaces:\n        - 127.0.0.1\n"
                + "  properties:\n    hazelcast.socket.bind.any: false\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
