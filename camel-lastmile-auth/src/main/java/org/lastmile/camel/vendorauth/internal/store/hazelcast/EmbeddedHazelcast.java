package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.TcpIpConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hazelcast member the component starts when it is given none: on loopback only, joining by TCP-IP the members listed
 * (by default every member on this machine in the port range), with multicast and cloud auto-detection off, phone-home off,
 * and logging through SLF4J. Ports of the range held by other programs are left out of the join, and a member that cannot
 * start says which options change where it runs.
 */
public final class EmbeddedHazelcast {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedHazelcast.class);
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");

    private EmbeddedHazelcast() {
    }

    /**
     * Starts a member.
     *
     * @param clusterName the cluster to join; members of other clusters are refused
     * @param port        the first port to try; the member takes the first free one of the next {@code portCount}
     * @param portCount   how many ports the cluster's members may use
     * @param members     the TCP-IP join list, e.g. {@code 127.0.0.1} (every port of the range) or
     *                    {@code 10.0.0.5:5701,10.0.0.6:5701}
     */
    public static HazelcastInstance start(String clusterName, int port, int portCount, String members) {
        Set<Integer> foreign = ForeignPorts.in(port, portCount);
        if (foreign.size() == portCount) {
            throw new IllegalStateException(noPort(port, portCount, "every port of the range is held by another program"));
        }
        if (!foreign.isEmpty()) {
            LOG.warn("Ports {} on 127.0.0.1 are held by programs that are not Hazelcast members: the embedded member"
                    + " skips them (option hazelcastPort moves the range)", foreign);
        }
        Config config = config(clusterName, port, portCount, members);
        skip(config.getNetworkConfig().getJoin().getTcpIpConfig(), foreign, port, portCount);
        try {
            return Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException(noPort(port, portCount, e.getMessage()), e);
        }
    }

    /** Replaces loopback entries without a port by the ports of the range that are not foreign. */
    private static void skip(TcpIpConfig tcpIp, Set<Integer> foreign, int port, int portCount) {
        if (foreign.isEmpty()) {
            return;
        }
        List<String> members = new ArrayList<>();
        for (String member : tcpIp.getMembers()) {
            if (LOOPBACK.contains(member)) {
                for (int p = port; p < port + portCount; p++) {
                    if (!foreign.contains(p)) {
                        members.add(member + ":" + p);
                    }
                }
            } else {
                members.add(member);
            }
        }
        tcpIp.setMembers(members);
    }

    private static String noPort(int port, int portCount, String why) {
        return "The embedded Hazelcast member could not start on 127.0.0.1 ports " + port + "-" + (port + portCount - 1)
                + " (" + why + "). Set option hazelcastPort to a free range, hazelcastInstance or hazelcastConfigUri to a"
                + " cluster of your own, or tokenStore=#class:org.lastmile.camel.vendorauth.spi.InMemoryTokenStore to"
                + " keep tokens in this JVM alone";
    }

    /** The configuration {@link #start} starts a member with, for callers that change some of it first. */
    public static Config config(String clusterName, int port, int portCount, String members) {
        Config config = new Config();
        config.setInstanceName("vendorauth-" + UUID.randomUUID());
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // a lone member on a laptop or in CI starts in a second or two instead of waiting for members that are not there
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "3");
        // a join that cannot finish fails start-up within seconds, not after Hazelcast's default five minutes
        config.setProperty("hazelcast.max.join.seconds", "20");
        // with joins this short, members started at the same moment (a rollout, a busy machine) may each form a cluster;
        // they find each other within seconds, not after Hazelcast's default five minutes of fetching a token per side
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
        // an address without a port is tried on every port of the range, not just the first three
        config.setProperty("hazelcast.tcp.join.port.try.count", String.valueOf(portCount));
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(true).setPortCount(portCount);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (String member : members.split(",")) {
            String address = member.trim();
            if (!address.isEmpty()) {
                join.getTcpIpConfig().addMember(address);
            }
        }
        return config;
    }
}
