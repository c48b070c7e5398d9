package org.lastmile.camel.vendorauth.test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.EmbeddedHazelcast;

/**
 * Real Hazelcast members on loopback for one test: a cluster name of its own and a port range of its own, so that no other
 * build on the machine joins it. Members in this JVM and members in JVMs of their own; all shut down or killed on close.
 */
public final class LoopbackCluster implements AutoCloseable {

    /** How many ports the members may use. */
    public static final int PORTS = 10;

    private final String name = "vendorauth-test-" + UUID.randomUUID();
    private final int port = 20000 + 10 * ThreadLocalRandom.current().nextInt(3000);
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<HazelcastInstance> clients = new ArrayList<>();
    private final List<MemberProcess> processes = new CopyOnWriteArrayList<>();

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** Starts one more member of this cluster. */
    public HazelcastInstance startMember() {
        HazelcastInstance member = EmbeddedHazelcast.start(name, port, PORTS, "127.0.0.1");
        members.add(member);
        return member;
    }

    /** Starts a Hazelcast client of this cluster, as a Camel application on Camel K would run; shut down on close. */
    public HazelcastInstance startClient() {
        ClientConfig config = new ClientConfig();
        config.setClusterName(name);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().addAddress("127.0.0.1:" + port);
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        clients.add(client);
        return client;
    }

    /**
     * Starts {@code count} members at once, each in a JVM of its own, a Camel application that asks {@code tokenUrl} (see
     * {@link MemberProcess#startAll}), and waits until each sees them all; they are killed on close.
     *
     * @param responseTimeout the component's response timeout in milliseconds, or {@code null} for its default
     */
    public List<MemberProcess> startProcesses(int count, String tokenUrl, Long responseTimeout) throws IOException {
        List<MemberProcess> started = MemberProcess.startAll(this, count, tokenUrl, responseTimeout);
        processes.addAll(started);
        return started;
    }

    @Override
    public void close() {
        clients.forEach(client -> client.getLifecycleService().terminate());
        members.forEach(member -> member.getLifecycleService().terminate());
        for (MemberProcess process : processes) {
            try {
                process.close();
            } catch (InterruptedException e) {
                // it was sent SIGKILL all the same; the rest are killed too, and the caller learns of the interrupt
                Thread.currentThread().interrupt();
            }
        }
    }
}
