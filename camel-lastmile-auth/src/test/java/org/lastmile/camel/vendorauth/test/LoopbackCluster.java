package org.lastmile.camel.vendorauth.test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.hazelcast.core.HazelcastInstance;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.EmbeddedHazelcast;

/**
 * Real Hazelcast members on loopback for one test: a cluster name of its own and a port range of its own, so that no other
 * build on the machine joins it. Shut down on close.
 */
public final class LoopbackCluster implements AutoCloseable {

    /** How many ports the members may use. */
    public static final int PORTS = 10;

    private final String name = "vendorauth-test-" + UUID.randomUUID();
    private final int port = 20000 + 10 * ThreadLocalRandom.current().nextInt(3000);
    private final List<HazelcastInstance> members = new ArrayList<>();

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

    @Override
    public void close() {
        members.forEach(member -> member.getLifecycleService().terminate());
    }
}
