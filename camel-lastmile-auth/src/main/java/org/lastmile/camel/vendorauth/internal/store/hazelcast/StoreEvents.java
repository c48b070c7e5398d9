package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.util.UUID;
import java.util.function.Function;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.StoreEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happens in the maps into {@link StoreEvent}s for the subscribers of this JVM, and wakes the flight of this
 * JVM that waits on the credential. Only what opens with the credential's key becomes an event: a token written
 * ({@link StoreEvent.Stored}), a tombstone ({@link StoreEvent.Invalidated}), a failure record ({@link StoreEvent.Failed}).
 * A removal, an expiry or a value that does not open only wakes the waiting flight, which reads the maps itself. Entries
 * merged after a split brain count as written. A failure record becomes an event only once the tokens map, read off the
 * event thread, holds no token asked for after the record's lease was won: a record of a member that was cut off while
 * the others got a token fails nobody.
 */
final class StoreEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreEvents.class);

    private final StoreMaps maps;
    private final Function<String, CredentialSlot> slots;
    private final ClusterClock clock;
    private final TokenEntries entries;
    private final HazelcastCalls calls;
    private final UUID tokenListener;
    private final UUID flightListener;

    /**
     * @param slots the credential this JVM knows by map key, or {@code null} for entries of credentials it does not use
     */
    StoreEvents(StoreMaps maps, Function<String, CredentialSlot> slots, ClusterClock clock, TokenEntries entries,
                HazelcastCalls calls) {
        this.maps = maps;
        this.slots = slots;
        this.clock = clock;
        this.entries = entries;
        this.calls = calls;
        this.tokenListener = maps.tokens().addEntryListener(new Listener(this::tokenWritten), true);
        this.flightListener = maps.flights().addEntryListener(new Listener(this::flightWritten), true);
    }

    private void tokenWritten(CredentialSlot slot, Object value) {
        SharedRecord record = slot.sealer().open(value, clock.offset());
        if (record instanceof SharedRecord.Token token) {
            slot.publish(new StoreEvent.Stored(token.token().fingerprint()));
        } else if (record instanceof SharedRecord.Tombstone tombstone && tombstone.expiresAt() > clock.now()) {
            slot.publish(new StoreEvent.Invalidated(tombstone.fingerprint()));
        }
    }

    private void flightWritten(CredentialSlot slot, Object value) {
        if (slot.sealer().open(value, clock.offset()) instanceof SharedRecord.Failure failure
                && failure.expiresAt() > clock.now()) {
            calls.execute(() -> {
                AccessToken current;
                try {
                    current = entries.read(slot);
                } catch (RuntimeException unavailable) {
                    current = null;
                }
                if (current == null || !failure.outdatedBy(current.obtainedAt().toEpochMilli() + clock.offset())) {
                    slot.publish(new StoreEvent.Failed(failure.state()));
                }
            });
        }
    }

    /** What a written value of a known credential means. */
    @FunctionalInterface
    private interface Written {
        void accept(CredentialSlot slot, Object value);
    }

    /** One map's listener: written values are read, every change wakes. */
    private final class Listener implements EntryAddedListener<String, Object>, EntryUpdatedListener<String, Object>,
            EntryRemovedListener<String, Object>, EntryExpiredListener<String, Object>,
            EntryEvictedListener<String, Object>, EntryMergedListener<String, Object> {

        private final Written written;

        Listener(Written written) {
            this.written = written;
        }

        private void changed(EntryEvent<String, Object> event, boolean withValue) {
            CredentialSlot slot = slots.apply(event.getKey());
            if (slot == null) {
                return;
            }
            try {
                if (withValue) {
                    written.accept(slot, event.getValue());
                }
            } catch (RuntimeException e) {
                LOG.debug("A subscriber of {} failed on a store event", slot.key(), e);
            }
            slot.wake();
        }

        @Override
        public void entryAdded(EntryEvent<String, Object> event) {
            changed(event, true);
        }

        @Override
        public void entryUpdated(EntryEvent<String, Object> event) {
            changed(event, true);
        }

        @Override
        public void entryRemoved(EntryEvent<String, Object> event) {
            changed(event, false);
        }

        @Override
        public void entryExpired(EntryEvent<String, Object> event) {
            changed(event, false);
        }

        @Override
        public void entryEvicted(EntryEvent<String, Object> event) {
            changed(event, false);
        }

        @Override
        public void entryMerged(EntryEvent<String, Object> event) {
            changed(event, true);
        }
    }

    /** Removes the listeners, unless Hazelcast is gone already. */
    @Override
    public void close() {
        try {
            maps.tokens().removeEntryListener(tokenListener);
            maps.flights().removeEntryListener(flightListener);
        } catch (RuntimeException e) {
            LOG.debug("Could not remove the store's listeners", e);
        }
    }
}
