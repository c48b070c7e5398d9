package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.util.UUID;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * The Hazelcast member the component starts when it is given none: on loopback only, joining by TCP-IP the members listed
 * (by default every member on this machine in the port range), with multicast and cloud auto-detection off, phone-home off,
 * and logging through SLF4J.
 */
public final class EmbeddedHazelcast {

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
        return Hazelcast.newHazelcastInstance(config(clusterName, port, portCount, members));
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
