package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;

/**
 * Measures, from a Hazelcast client, how far the cluster master's clock (the clock of cluster time) is ahead of this
 * JVM's. It publishes a few messages to a topic of its own whose partition the master owns: the master stamps each with
 * its clock to the millisecond ({@code Message.getPublishTime()}) between the publish call's start and its answer. The
 * sample with the shortest round trip wins; half of that round trip is the estimate's uncertainty. Needs nothing on the
 * members but Hazelcast itself.
 */
final class MasterClockProbe {

    private static final int SAMPLES = 5;
    private static final int NAMES_TO_TRY = 10_000;
    private static final long STAMP_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long PARTITION_TABLE_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /**
     * @param offset      the master's clock minus this JVM's, in milliseconds
     * @param uncertainty half the round trip of the sample it comes from, in milliseconds
     */
    record Estimate(long offset, long uncertainty) {
    }

    private final HazelcastInstance client;
    private final Clock clock;

    MasterClockProbe(HazelcastInstance client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    Estimate measure() {
        Member master = client.getCluster().getMembers().iterator().next();
        ITopic<String> topic = client.getTopic(topicOwnedBy(master));
        Map<String, Long> stamps = new ConcurrentHashMap<>();
        // only the master's stamp of our own message counts: another member may publish to the topic too
        UUID listener = topic.addMessageListener(message -> {
            if (master.equals(message.getPublishingMember())) {
                stamps.putIfAbsent(message.getMessageObject(), message.getPublishTime());
            }
        });
        try {
            String[] ids = new String[SAMPLES];
            long[] middles = new long[SAMPLES];
            long[] trips = new long[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                ids[i] = UUID.randomUUID().toString();
                long startMillis = clock.millis();
                long start = System.nanoTime();
                topic.publish(ids[i]);
                trips[i] = System.nanoTime() - start;
                middles[i] = startMillis + TimeUnit.NANOSECONDS.toMillis(trips[i] / 2);
            }
            long deadline = System.nanoTime() + STAMP_PATIENCE_NANOS;
            while (stamps.size() < SAMPLES && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                Thread.yield();
            }
            int best = -1;
            for (int i = 0; i < SAMPLES; i++) {
                if (stamps.containsKey(ids[i]) && (best < 0 || trips[i] < trips[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                throw new IllegalStateException("no stamp came back from the master " + master.getAddress());
            }
            return new Estimate(stamps.get(ids[best]) - middles[best],
                    Math.max(1, TimeUnit.NANOSECONDS.toMillis(trips[best] / 2)));
        } finally {
            topic.removeMessageListener(listener);
            topic.destroy();
        }
    }

    /**
     * A topic name of this client whose partition the master owns. A client that just connected may not know the
     * partition table yet: it is given a few seconds.
     */
    private String topicOwnedBy(Member master) {
        String base = "vendorauth-clock-" + client.getLocalEndpoint().getUuid() + "-";
        long deadline = System.nanoTime() + PARTITION_TABLE_PATIENCE_NANOS;
        do {
            for (int i = 0; i < NAMES_TO_TRY; i++) {
                Member owner = client.getPartitionService().getPartition(base + i).getOwner();
                if (owner == null) {
                    break;
                }
                if (master.equals(owner)) {
                    return base + i;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("no partition of the master " + master.getAddress() + " found");
    }
}
