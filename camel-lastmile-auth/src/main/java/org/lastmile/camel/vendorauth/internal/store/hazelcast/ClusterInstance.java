package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;

/**
 * The Hazelcast instance the shared store runs on, and whether it is ours to shut down. First match wins: an instance
 * given (set or autowired; never shut down here), else one started from a configuration file ({@link HazelcastFromConfig}),
 * else an embedded member on loopback ({@link EmbeddedHazelcast}).
 */
public final class ClusterInstance implements AutoCloseable {

    /** Reads a configuration file by its location (a Camel resource URI, say). */
    @FunctionalInterface
    public interface ConfigReader {
        byte[] read(String location) throws Exception;
    }

    /** Where the embedded member runs, when neither an instance nor a configuration is given. */
    public record Embedded(String clusterName, int port, int portCount, String members) {
    }

    private final HazelcastInstance instance;
    private final boolean owned;

    private ClusterInstance(HazelcastInstance instance, boolean owned) {
        this.instance = instance;
        this.owned = owned;
    }

    /**
     * @param given          an instance to use as it is, or {@code null}
     * @param configLocation a member or client configuration to start from, or {@code null}
     * @param reader         how to read it
     * @param embedded       where to start a member otherwise
     */
    public static ClusterInstance resolve(HazelcastInstance given, String configLocation, ConfigReader reader,
                                          Embedded embedded) throws Exception {
        if (given != null) {
            return new ClusterInstance(given, false);
        }
        if (configLocation != null) {
            return new ClusterInstance(HazelcastFromConfig.start(reader.read(configLocation), configLocation), true);
        }
        return new ClusterInstance(EmbeddedHazelcast.start(embedded.clusterName(), embedded.port(), embedded.portCount(),
                embedded.members()), true);
    }

    public HazelcastInstance instance() {
        return instance;
    }

    /** Shuts the instance down when it was started here; an instance given keeps running. */
    @Override
    public void close() {
        if (owned) {
            instance.shutdown();
        }
    }
}
