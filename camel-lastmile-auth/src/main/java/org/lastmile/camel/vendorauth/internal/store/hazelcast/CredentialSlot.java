package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.lastmile.camel.vendorauth.spi.StoreEvent;
import org.lastmile.camel.vendorauth.spi.TokenKey;

/**
 * What this JVM's store knows of one credential: its key, the sealer of its records, who subscribed to its events, and
 * the flight of this JVM that waits on the cluster for it (woken by map events), if any.
 */
final class CredentialSlot {

    private final TokenKey key;
    private final TokenSealer sealer;
    private final List<Consumer<StoreEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicReference<Runnable> waiting = new AtomicReference<>();

    CredentialSlot(TokenKey key) {
        this.key = key;
        this.sealer = new TokenSealer(key);
    }

    TokenKey key() {
        return key;
    }

    /** The map key: the credential's HMAC id. */
    String id() {
        return key.id();
    }

    TokenSealer sealer() {
        return sealer;
    }

    AutoCloseable subscribe(Consumer<StoreEvent> listener) {
        subscribers.add(listener);
        return () -> subscribers.remove(listener);
    }

    void publish(StoreEvent event) {
        subscribers.forEach(subscriber -> subscriber.accept(event));
    }

    /** Sets what to run when the credential's entries change: a flight of this JVM waits on the cluster. */
    void waitWith(Runnable check) {
        waiting.set(check);
    }

    /** That flight waits no longer (a newer flight's check stays). */
    void stopWaiting(Runnable check) {
        waiting.compareAndSet(check, null);
    }

    /** Something changed in the maps for this credential: the waiting flight, if any, checks again. */
    void wake() {
        Runnable check = waiting.get();
        if (check != null) {
            check.run();
        }
    }
}
