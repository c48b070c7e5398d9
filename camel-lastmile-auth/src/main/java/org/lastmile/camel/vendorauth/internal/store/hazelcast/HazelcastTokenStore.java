package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.spi.merge.ExpirationTimeMergePolicy;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.Claim;
import org.lastmile.camel.vendorauth.spi.FailureState;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.lastmile.camel.vendorauth.spi.Lease;
import org.lastmile.camel.vendorauth.spi.SingleFlight;
import org.lastmile.camel.vendorauth.spi.StoreEvent;
import org.lastmile.camel.vendorauth.spi.StoreUnavailableException;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.lastmile.camel.vendorauth.spi.TokenKey;
import org.lastmile.camel.vendorauth.spi.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store shared by every member of a Hazelcast cluster (Community Edition: no CP subsystem, no locks), so that the
 * cluster holds one token per credential and one member at a time asks the vendor.
 *
 * <ul>
 * <li>Tokens: map {@value #TOKENS_MAP}, key = the credential's HMAC id, value = the token sealed with AES-GCM under a key
 * derived from the credential's secrets ({@link TokenSealer}); entry TTL = {@link AccessToken#keepUntil()}.</li>
 * <li>One flight: map {@value #FLIGHTS_MAP}. The member that wins {@code putIfAbsent(id, lease, flightTtl)} reads the token
 * map again (another member may have finished meanwhile) and hands its caller the {@link Lease}; the caller fetches, and
 * the lease writes the token and removes its own marker ({@code remove(id, lease)}). The others wait without holding a thread: woken by entry listeners (a hint: events can be
 * lost) and by polling with back-off. A winner that fails replaces its marker by a short-lived "failed" marker, so that the
 * others fail at once instead of each asking the vendor again. A winner that dies or hangs is bounded by the marker's TTL,
 * and markers of members that left are removed when they leave.</li>
 * <li>Every Hazelcast call is bounded by {@code operationTimeout}; when Hazelcast does not answer, this JVM fetches on its
 * own (one flight per JVM) for a few seconds, logs it once, and then tries the cluster again.</li>
 * </ul>
 * The store never shuts down the Hazelcast instance it is given.
 */
public final class HazelcastTokenStore implements TokenStore, AutoCloseable {

    /** The map of sealed tokens. */
    public static final String TOKENS_MAP = "vendorauth-tokens";
    /** The map of in-flight markers. */
    public static final String FLIGHTS_MAP = "vendorauth-flights";

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastTokenStore.class);
    private static final String FAILED = "failed:";
    /** The longest a failed flight's marker makes other members fail fast: about a first back-off. */
    private static final Duration FAILURE_HOLD = Duration.ofSeconds(1);
    /** How long this JVM fetches on its own after Hazelcast did not answer, before trying the cluster again. */
    private static final Duration LOCAL_SPELL = Duration.ofSeconds(5);
    private static final long FIRST_POLL_MILLIS = 25;
    private static final long MAX_POLL_MILLIS = 1000;

    private final HazelcastInstance hazelcast;
    private final IMap<String, byte[]> tokens;
    private final IMap<String, String> flights;
    private final Duration flightTtl;
    private final Duration operationTimeout;
    private final Clock clock;
    private final String memberId;
    private final InMemoryTokenStore local;
    private final ExecutorService io;
    private final ScheduledExecutorService timer;
    private final Map<String, Credential> credentials = new ConcurrentHashMap<>();
    private final SingleFlight<String, Claim> flightsHere = new SingleFlight<>();
    private final AtomicBoolean onOwn = new AtomicBoolean();
    private volatile long onOwnUntil;
    private final UUID tokenListener;
    private final UUID flightListener;
    private final UUID membershipListener;

    /** What this JVM knows of one credential: how to open its tokens, who watches them, who waits for them. */
    private static final class Credential {
        private final TokenKey key;
        private final TokenSealer sealer;
        private final List<Consumer<StoreEvent>> watchers = new CopyOnWriteArrayList<>();
        private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

        Credential(TokenKey key) {
            this.key = key;
            this.sealer = new TokenSealer(key);
        }
    }

    /** Hazelcast did not answer in time, or answered with an error of its own. */
    private static final class StoreUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        StoreUnavailable(Throwable cause) {
            super(cause);
        }
    }

    /**
     * @param hazelcast        a running member or client; not shut down by this store
     * @param flightTtl        the longest a flight may hold its marker: the token endpoint's timeouts and a margin
     * @param operationTimeout the longest one Hazelcast call may take before this JVM fetches on its own
     * @param clock            the time source
     */
    public HazelcastTokenStore(HazelcastInstance hazelcast, Duration flightTtl, Duration operationTimeout, Clock clock) {
        this.hazelcast = hazelcast;
        this.flightTtl = flightTtl;
        this.operationTimeout = operationTimeout;
        this.clock = clock;
        this.local = new InMemoryTokenStore(clock);
        this.memberId = hazelcast.getLocalEndpoint().getUuid().toString();
        this.io = Executors.newCachedThreadPool(daemon("vendorauth-hazelcast-io"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("vendorauth-hazelcast-poll"));
        configureMaps(hazelcast.getConfig());
        this.tokens = hazelcast.getMap(TOKENS_MAP);
        this.flights = hazelcast.getMap(FLIGHTS_MAP);
        this.tokenListener = tokens.addEntryListener(new TokenEvents(), true);
        this.flightListener = flights.addEntryListener(new FlightEvents(), false);
        this.membershipListener = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // nothing to do: a new member reads the shared map
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                io.execute(() -> clearFlightsOf(event.getMember().getUuid().toString()));
            }
        });
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Adds this store's map configuration unless the user configured maps of those names: one backup, and on a split brain's
     * merge the entry that expires last wins. Near cache stays off: its invalidations lag, the token manager keeps the
     * local copy itself.
     */
    private static void configureMaps(Config config) {
        for (String name : List.of(TOKENS_MAP, FLIGHTS_MAP)) {
            try {
                if (config.getMapConfigOrNull(name) != null) {
                    continue;
                }
            } catch (UnsupportedOperationException clientConfig) {
                // a client cannot read the cluster's configuration; adding is allowed and a clash is reported below
            }
            try {
                config.addMapConfig(new MapConfig(name).setBackupCount(1).setMergePolicyConfig(
                        new MergePolicyConfig(ExpirationTimeMergePolicy.class.getName(),
                                MergePolicyConfig.DEFAULT_BATCH_SIZE)));
            } catch (RuntimeException clash) {
                LOG.info("Map {} keeps the cluster's configuration: {}", name, clash.getMessage());
            }
        }
    }

    private Credential credential(TokenKey key) {
        return credentials.computeIfAbsent(key.id(), id -> new Credential(key));
    }

    @Override
    public AccessToken get(TokenKey key) {
        if (onOwn()) {
            return local.get(key);
        }
        try {
            return read(credential(key));
        } catch (StoreUnavailable e) {
            goOnOwn(e);
            return local.get(key);
        }
    }

    @Override
    public CompletableFuture<Claim> claim(TokenKey key, Predicate<AccessToken> reusable) {
        if (onOwn()) {
            return local.claim(key, reusable);
        }
        Flight flight = new Flight(credential(key), reusable);
        CompletableFuture<Claim> joined = flightsHere.join(key.id(), () -> {
            flight.opened = true;
            try {
                io.execute(() -> attempt(flight));
            } catch (RuntimeException rejected) {
                flight.fail(rejected);
            }
            return flight.outcome;
        });
        if (flight.opened) {
            return flight.opener;
        }
        // a released lease ends its flight without an outcome: its waiters try again
        return joined.exceptionallyCompose(failure -> unwrap(failure) instanceof Released ? claim(key, reusable)
                : CompletableFuture.failedFuture(failure));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Ends the flight of a released lease: its waiters claim again. */
    private static final class Released extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Released() {
            super("lease released", null, false, false);
        }
    }

    /** One flight of this JVM: the answer of the caller who opened it, and the outcome every other caller waits for. */
    private static final class Flight {
        private final Credential credential;
        private final Predicate<AccessToken> reusable;
        private final CompletableFuture<Claim> opener = new CompletableFuture<>();
        private final CompletableFuture<Claim> outcome = new CompletableFuture<>();
        /** Set by the caller who opened the flight, in its own thread. */
        private boolean opened;

        Flight(Credential credential, Predicate<AccessToken> reusable) {
            this.credential = credential;
            this.reusable = reusable;
        }

        /** A token or a failure: the same answer for everybody. */
        void answer(Claim claim) {
            opener.complete(claim);
            outcome.complete(claim);
        }

        /** The opener fetches; the others hear the outcome when the lease ends. */
        void won(Lease lease) {
            opener.complete(new Claim.Won(new Ending(lease, outcome)));
        }

        void fail(Throwable failure) {
            opener.completeExceptionally(failure);
            outcome.completeExceptionally(failure);
        }

        /** Passes on what the local store answered while Hazelcast does not. */
        void forward(Claim claim, Throwable failure) {
            if (failure != null) {
                fail(failure);
            } else if (claim instanceof Claim.Won won) {
                won(won.lease());
            } else {
                answer(claim);
            }
        }
    }

    /** A lease that, once ended, tells this JVM's other callers of the outcome. */
    private record Ending(Lease inner, CompletableFuture<Claim> outcome) implements Lease {

        @Override
        public AccessToken current() {
            return inner.current();
        }

        @Override
        public void succeed(AccessToken token) {
            try {
                inner.succeed(token);
            } finally {
                outcome.complete(new Claim.Found(token));
            }
        }

        @Override
        public void fail(FailureState state) {
            try {
                inner.fail(state);
            } finally {
                outcome.complete(new Claim.Failed(state));
            }
        }

        @Override
        public void release() {
            try {
                inner.release();
            } finally {
                outcome.completeExceptionally(new Released());
            }
        }
    }

    /** Reads the shared token, and either uses it, wins the marker, or waits for the member that holds it. */
    private void attempt(Flight flight) {
        Credential credential = flight.credential;
        String id = credential.key.id();
        try {
            AccessToken current = read(credential);
            if (current != null && flight.reusable.test(current)) {
                flight.answer(new Claim.Found(current));
                return;
            }
            String lease = memberId + "/" + UUID.randomUUID();
            String holder = call(() -> flights.putIfAbsent(id, lease, flightTtl.toMillis(), TimeUnit.MILLISECONDS));
            if (holder == null) {
                // read again: the member that held the marker may have written its token since the first read
                AccessToken again = read(credential);
                if (again != null && flight.reusable.test(again)) {
                    call(() -> flights.remove(id, lease));
                    flight.answer(new Claim.Found(again));
                } else {
                    flight.won(new MarkerLease(credential, lease, again));
                }
            } else if (holder.startsWith(FAILED)) {
                flight.answer(anotherMemberFailed(credential));
            } else {
                Waiter waiter = new Waiter(flight, clock.millis() + 2 * flightTtl.toMillis());
                credential.waiters.add(waiter);
                waiter.pollLater();
            }
        } catch (StoreUnavailable e) {
            goOnOwn(e);
            local.claim(credential.key, flight.reusable).whenComplete(flight::forward);
        } catch (Throwable failure) {
            flight.fail(failure);
        }
    }

    /** The winner's marker: writes the token and removes the marker, or marks the failure for the other members. */
    private final class MarkerLease implements Lease {
        private final Credential credential;
        private final String lease;
        private final AccessToken current;

        MarkerLease(Credential credential, String lease, AccessToken current) {
            this.credential = credential;
            this.lease = lease;
            this.current = current;
        }

        @Override
        public AccessToken current() {
            return current;
        }

        @Override
        public void succeed(AccessToken token) {
            String id = credential.key.id();
            try {
                long ttl = Math.max(1000, token.keepUntil().toEpochMilli() - clock.millis());
                byte[] sealed = credential.sealer.seal(token);
                call(() -> {
                    tokens.set(id, sealed, ttl, TimeUnit.MILLISECONDS);
                    return flights.remove(id, lease);
                });
            } catch (StoreUnavailable e) {
                // the token is good: this JVM uses it, and the cluster fetches its own once the marker expires
                goOnOwn(e);
            }
        }

        @Override
        public void fail(FailureState state) {
            long hold = Math.min(FAILURE_HOLD.toMillis(), state.retryAt().toEpochMilli() - clock.millis());
            markFailed(credential.key.id(), lease, hold);
            credential.watchers.forEach(watcher -> watcher.accept(new StoreEvent.Failed(state)));
        }

        @Override
        public void release() {
            try {
                call(() -> flights.remove(credential.key.id(), lease));
            } catch (StoreUnavailable e) {
                goOnOwn(e);
            }
        }
    }

    /** Makes the others fail at once for {@code hold} ms; a failure not in force just ends the flight. */
    private void markFailed(String id, String lease, long hold) {
        try {
            call(() -> hold <= 0 ? flights.remove(id, lease) : flights.replace(id, lease, FAILED + lease)
                    && flights.setTtl(id, hold, TimeUnit.MILLISECONDS));
        } catch (StoreUnavailable e) {
            goOnOwn(e);
        }
    }

    /** Another member's fetch failed: its failed marker says no more, and is held about as long as a first back-off. */
    private Claim anotherMemberFailed(Credential credential) {
        TokenEndpointException failure = new TokenEndpointException(credential.key.profile(),
                TokenEndpointException.NO_RESPONSE, null,
                "the cluster member fetching this token failed a moment ago (its log says why)", null, null);
        return new Claim.Failed(new FailureState(failure, 1, clock.instant().plus(FAILURE_HOLD)));
    }

    /** A flight of this JVM waiting for another member's: checks when told to, and on a timer with back-off. */
    private final class Waiter {
        private final Flight flight;
        private final long giveUpAt;
        private final AtomicBoolean checking = new AtomicBoolean();
        private long nextPoll = FIRST_POLL_MILLIS;

        Waiter(Flight flight, long giveUpAt) {
            this.flight = flight;
            this.giveUpAt = giveUpAt;
        }

        void pollLater() {
            long delay = nextPoll;
            nextPoll = Math.min(MAX_POLL_MILLIS, nextPoll * 2);
            timer.schedule(this::checkSoon, delay, TimeUnit.MILLISECONDS);
        }

        void checkSoon() {
            if (!flight.opener.isDone()) {
                io.execute(this::check);
            }
        }

        private void check() {
            if (flight.opener.isDone() || !checking.compareAndSet(false, true)) {
                return;
            }
            Credential credential = flight.credential;
            try {
                AccessToken current = read(credential);
                if (current != null && flight.reusable.test(current)) {
                    stop();
                    flight.answer(new Claim.Found(current));
                    return;
                }
                String holder = call(() -> flights.get(credential.key.id()));
                if (holder == null) {
                    // the winner is gone (left, hung past its marker's TTL, or failed before marking): take over
                    stop();
                    attempt(flight);
                } else if (holder.startsWith(FAILED)) {
                    stop();
                    flight.answer(anotherMemberFailed(credential));
                } else if (clock.millis() > giveUpAt) {
                    stop();
                    flight.fail(new StoreUnavailableException("No token from the cluster member fetching the token of "
                            + credential.key + " within twice its flight's time to live", null));
                } else {
                    pollLater();
                }
            } catch (StoreUnavailable e) {
                stop();
                goOnOwn(e);
                local.claim(credential.key, flight.reusable).whenComplete(flight::forward);
            } finally {
                checking.set(false);
            }
        }

        private void stop() {
            flight.credential.waiters.remove(this);
        }
    }

    @Override
    public boolean invalidate(TokenKey key, String accessToken) {
        if (onOwn()) {
            return local.invalidate(key, accessToken);
        }
        Credential credential = credential(key);
        String id = key.id();
        try {
            byte[] sealed = call(() -> tokens.get(id));
            AccessToken current = credential.sealer.open(sealed);
            if (current == null || !current.value().equals(accessToken)) {
                return false;
            }
            // compare-and-remove on the very bytes read: a newer token written meanwhile stays
            return call(() -> tokens.remove(id, sealed));
        } catch (StoreUnavailable e) {
            goOnOwn(e);
            return local.invalidate(key, accessToken);
        }
    }

    @Override
    public AutoCloseable subscribe(TokenKey key, Consumer<StoreEvent> listener) {
        Credential credential = credential(key);
        credential.watchers.add(listener);
        AutoCloseable localWatch = local.subscribe(key, listener);
        return () -> {
            credential.watchers.remove(listener);
            localWatch.close();
        };
    }

    private AccessToken read(Credential credential) throws StoreUnavailable {
        byte[] sealed = call(() -> tokens.get(credential.key.id()));
        return sealed == null ? null : credential.sealer.open(sealed);
    }

    /** Runs one Hazelcast call within {@code operationTimeout}. */
    private <T> T call(Callable<T> operation) throws StoreUnavailable {
        Future<T> future;
        try {
            future = io.submit(operation);
        } catch (RuntimeException rejected) {
            throw new StoreUnavailable(rejected);
        }
        try {
            T result = future.get(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (onOwn.compareAndSet(true, false)) {
                LOG.info("Hazelcast answers again: tokens are shared with the cluster again");
            }
            return result;
        } catch (TimeoutException | ExecutionException e) {
            future.cancel(true);
            throw new StoreUnavailable(e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailable(e);
        }
    }

    private boolean onOwn() {
        return onOwn.get() && clock.millis() < onOwnUntil;
    }

    private void goOnOwn(StoreUnavailable e) {
        onOwnUntil = clock.millis() + LOCAL_SPELL.toMillis();
        if (onOwn.compareAndSet(false, true)) {
            LOG.warn("Hazelcast did not answer within {} ms ({}): this JVM fetches tokens on its own until it does",
                    operationTimeout.toMillis(), e.getCause() == null ? "no cause" : e.getCause().getClass().getSimpleName());
        }
    }

    private void clearFlightsOf(String departed) {
        try {
            for (Map.Entry<String, String> marker : flights.entrySet()) {
                if (marker.getValue().startsWith(departed + "/")) {
                    flights.remove(marker.getKey(), marker.getValue());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Could not clear the flights of a member that left; their markers expire on their own", e);
        }
    }

    private void wakeWaiters(String id) {
        Credential credential = credentials.get(id);
        if (credential != null) {
            credential.waiters.forEach(Waiter::checkSoon);
        }
    }

    /** Wakes waiters on every change of a token entry, and tells subscribers which token was stored or removed. */
    private final class TokenEvents implements EntryAddedListener<String, byte[]>, EntryUpdatedListener<String, byte[]>,
            EntryRemovedListener<String, byte[]>, EntryExpiredListener<String, byte[]>, EntryEvictedListener<String, byte[]> {

        @Override
        public void entryAdded(EntryEvent<String, byte[]> event) {
            stored(event);
        }

        @Override
        public void entryUpdated(EntryEvent<String, byte[]> event) {
            stored(event);
        }

        private void stored(EntryEvent<String, byte[]> event) {
            Credential credential = credentials.get(event.getKey());
            AccessToken stored = credential == null ? null : credential.sealer.open(event.getValue());
            if (stored != null) {
                credential.watchers.forEach(watcher -> watcher.accept(new StoreEvent.Stored(stored.fingerprint())));
            }
            wakeWaiters(event.getKey());
        }

        @Override
        public void entryRemoved(EntryEvent<String, byte[]> event) {
            Credential credential = credentials.get(event.getKey());
            AccessToken removed = credential == null ? null : credential.sealer.open(event.getOldValue());
            if (removed != null) {
                credential.watchers.forEach(watcher -> watcher.accept(new StoreEvent.Invalidated(removed.fingerprint())));
            }
            wakeWaiters(event.getKey());
        }

        @Override
        public void entryExpired(EntryEvent<String, byte[]> event) {
            wakeWaiters(event.getKey());
        }

        @Override
        public void entryEvicted(EntryEvent<String, byte[]> event) {
            wakeWaiters(event.getKey());
        }
    }

    /** Wakes waiters when a marker goes or turns into a failure. */
    private final class FlightEvents implements EntryRemovedListener<String, String>, EntryExpiredListener<String, String>,
            EntryEvictedListener<String, String>, EntryUpdatedListener<String, String> {

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            wakeWaiters(event.getKey());
        }

        @Override
        public void entryExpired(EntryEvent<String, String> event) {
            wakeWaiters(event.getKey());
        }

        @Override
        public void entryEvicted(EntryEvent<String, String> event) {
            wakeWaiters(event.getKey());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            wakeWaiters(event.getKey());
        }
    }

    /** Removes this store's listeners and ends its threads; the Hazelcast instance keeps running. */
    @Override
    public void close() {
        try {
            if (hazelcast.getLifecycleService().isRunning()) {
                tokens.removeEntryListener(tokenListener);
                flights.removeEntryListener(flightListener);
                hazelcast.getCluster().removeMembershipListener(membershipListener);
            }
        } catch (RuntimeException e) {
            LOG.debug("Could not remove the store's listeners", e);
        } finally {
            timer.shutdownNow();
            io.shutdownNow();
        }
    }
}
