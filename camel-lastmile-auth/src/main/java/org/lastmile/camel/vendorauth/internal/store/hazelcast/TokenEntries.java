package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.hazelcast.map.IMap;
import org.lastmile.camel.vendorauth.spi.AccessToken;

/**
 * The tokens map, one credential's entry at a time: tokens written with their time to live, read only when they open
 * with the credential's key, and invalidated by a tombstone. A tombstone replaces exactly the refused token (compare and
 * set on the bytes read) and names its fingerprint, sealed like a token: members drop a local copy of that token when they
 * see it, and only then. A bare removal, or a value that does not open, makes nobody drop anything: whoever deletes
 * entries without the credential's key costs at most the token request of the next member that needs a token.
 */
final class TokenEntries {

    /** How long a tombstone stands in for the refused token: long enough for every member to hear of it. */
    private static final Duration TOMBSTONE_HOLD = Duration.ofMinutes(1);

    private final IMap<String, Object> tokens;
    private final HazelcastCalls calls;
    private final ClusterClock clock;

    TokenEntries(IMap<String, Object> tokens, HazelcastCalls calls, ClusterClock clock) {
        this.tokens = tokens;
        this.calls = calls;
        this.clock = clock;
    }

    /** The credential's token, or {@code null} when the entry is absent, a tombstone, or not its credential's. */
    AccessToken read(CredentialSlot slot) {
        Object value = calls.call("reading a token", () -> tokens.get(slot.id()));
        return slot.sealer().open(value, clock.offset()) instanceof SharedRecord.Token token ? token.token() : null;
    }

    /** Writes the token, sealed, to live until {@link AccessToken#keepUntil()}. */
    void write(CredentialSlot slot, AccessToken token) {
        long ttl = Math.max(1000, token.keepUntil().toEpochMilli() - clock.localNow().toEpochMilli());
        byte[] sealed = slot.sealer().seal(new SharedRecord.Token(token), clock.offset());
        calls.call("writing a token", () -> {
            tokens.set(slot.id(), sealed, ttl, TimeUnit.MILLISECONDS);
            return null;
        });
    }

    /** Replaces the token of that text by its tombstone; nothing when the entry holds another token or none. */
    boolean invalidate(CredentialSlot slot, String accessToken) {
        Object value = calls.call("reading a token", () -> tokens.get(slot.id()));
        if (!(slot.sealer().open(value, clock.offset()) instanceof SharedRecord.Token token)
                || !token.token().value().equals(accessToken)) {
            return false;
        }
        byte[] tombstone = slot.sealer().seal(new SharedRecord.Tombstone(token.token().fingerprint(),
                clock.now() + TOMBSTONE_HOLD.toMillis()), clock.offset());
        // compare and set on the very bytes read: a newer token written meanwhile stays
        // a replaced entry lives for ever: its time to live is set at once, and should that fail, the tombstone's own
        // expiry still ends it for readers
        return calls.call("invalidating a token", () -> {
            if (!tokens.replace(slot.id(), value, tombstone)) {
                return false;
            }
            tokens.setTtl(slot.id(), TOMBSTONE_HOLD.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        });
    }
}
