package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.merge.ExpirationTimeMergePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's two maps and their configuration. Values are typed {@code Object}: whoever joins the cluster may write
 * anything into them, and a value that is not sealed bytes must be ignored, not fail a cast.
 *
 * <p>
 * Both maps keep one <em>asynchronous</em> backup: with a synchronous one, every write waits for the backup's member, and
 * a frozen member (a long GC pause, a suspended VM) would stall every write to the partitions it backs up until the
 * store's timeout, member after member. A backup lost with its owner costs one token request, not a wait. On a split
 * brain's merge the entry that expires last wins. Near cache stays off: its invalidations lag, and the policy keeps the
 * local copy itself.
 */
final class StoreMaps {

    /** The map of sealed tokens and tombstones. */
    static final String TOKENS = "vendorauth-tokens";
    /** The map of sealed flight markers and failure records. */
    static final String FLIGHTS = "vendorauth-flights";

    private static final Logger LOG = LoggerFactory.getLogger(StoreMaps.class);

    private final IMap<String, Object> tokens;
    private final IMap<String, Object> flights;

    StoreMaps(HazelcastInstance hazelcast) {
        configure(hazelcast.getConfig());
        this.tokens = hazelcast.getMap(TOKENS);
        this.flights = hazelcast.getMap(FLIGHTS);
    }

    IMap<String, Object> tokens() {
        return tokens;
    }

    IMap<String, Object> flights() {
        return flights;
    }

    /** Adds this store's map configuration unless the user configured maps of those names. */
    private static void configure(Config config) {
        for (String name : new String[] { TOKENS, FLIGHTS }) {
            try {
                if (config.getMapConfigOrNull(name) != null) {
                    continue;
                }
            } catch (UnsupportedOperationException clientConfig) {
                // a client cannot read the cluster's configuration; adding is allowed and a clash is reported below
            }
            try {
                config.addMapConfig(new MapConfig(name).setBackupCount(0).setAsyncBackupCount(1).setMergePolicyConfig(
                        new MergePolicyConfig(ExpirationTimeMergePolicy.class.getName(),
                                MergePolicyConfig.DEFAULT_BATCH_SIZE)));
            } catch (RuntimeException clash) {
                LOG.info("Map {} keeps the cluster's configuration: {}", name, clash.getMessage());
            }
        }
    }
}
