package org.lastmile.camel.vendorauth.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.simulators.SimulatorServer;
import org.lastmile.camel.simulators.TokenExchangeServer;
import org.lastmile.camel.simulators.VendorCredentials;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.VendorAuthConstants;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.LogCapture;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens on behalf of callers (RFC 8693 token exchange) on three real Hazelcast members, against the strict simulator:
 * one token call per subject token for the whole cluster, never another caller's result, never past the subject's
 * {@code exp}, one refused subject failing only its own exchanges, and the subject tokens nowhere to be read.
 */
class OnBehalfClusterTest {

    private static final VendorCredentials CLIENT = VendorCredentials.client("gateway", "gateway-secret");

    private final LoopbackCluster cluster = new LoopbackCluster();
    private final List<HazelcastInstance> hazelcast = new ArrayList<>();
    private final List<CamelContext> members = new ArrayList<>();
    private SimulatorServer server;
    private TokenExchangeServer idp;

    @BeforeEach
    void start() throws Exception {
        server = new SimulatorServer();
        idp = server.add(new TokenExchangeServer(CLIENT, Clock.systemUTC()));
        idp.lifetime(Duration.ofSeconds(60));
        for (int m = 0; m < 3; m++) {
            HazelcastInstance member = cluster.startMember();
            hazelcast.add(member);
            members.add(CamelApplications.start(CamelApplications.sharingThrough(member), new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:api").to("vendorauth:oauth2?grantType=token_exchange&tokenUrl=" + idp.tokenUrl()
                            + "&clientId=gateway&clientSecret=gateway-secret&audience=orders-api");
                }
            }));
        }
    }

    @AfterEach
    void stop() {
        members.forEach(CamelContext::stop);
        cluster.close();
        server.close();
    }

    /** An exchange as platform-http hands it over: the caller's token in the incoming Authorization header. */
    private static Exchange call(CamelContext member, String subject) {
        return member.createProducerTemplate().request("direct:api",
                exchange -> exchange.getMessage().setHeader("Authorization", "Bearer " + subject));
    }

    /** Each member's 4 threads send {@code rounds} exchanges for every subject, all at once. */
    private Load burst(Map<String, String> subjects, int rounds) throws Exception {
        Load load = new Load();
        ExecutorService threads = Executors.newFixedThreadPool(members.size() * 4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (CamelContext member : members) {
                for (int t = 0; t < 4; t++) {
                    running.add(threads.submit(() -> {
                        for (int i = 0; i < rounds; i++) {
                            subjects.forEach((user, subject) -> load.record(user, call(member, subject)));
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> each : running) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return load;
    }

    /** What a burst saw: failures by user and their messages, results carried by another user's exchange. */
    private final class Load {
        final Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();
        final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger crossed = new AtomicInteger();
        final List<String> headers = new java.util.concurrent.CopyOnWriteArrayList<>();

        void record(String user, Exchange done) {
            if (done.getException() != null) {
                failed.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
                failures.add(String.valueOf(done.getException().getMessage()));
                return;
            }
            String authorization = done.getMessage().getHeader("Authorization", String.class);
            headers.add(done.getMessage().getHeaders().toString());
            if (!user.equals(idp.callerOf(authorization))) {
                crossed.incrementAndGet();
            }
        }
    }

    private Map<String, String> subjects(int count, Duration lifetime) {
        Map<String, String> subjects = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            subjects.put("user-" + i, idp.subject("user-" + i, lifetime));
        }
        return subjects;
    }

    @Test
    void oneCallPerSubjectForTheWholeClusterAndNothingOfItToBeRead() throws Exception {
        Map<String, String> subjects = subjects(10, Duration.ofHours(1));
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            Load first = burst(subjects, 5);
            assertThat(first.failed).isEmpty();
            assertThat(first.crossed).as("exchanges that carried another caller's result").hasValue(0);
            subjects.values().forEach(subject -> assertThat(idp.exchanges(subject)).as("token calls per subject")
                    .isEqualTo(1));
            int calls = idp.tokenCalls();

            Load second = burst(subjects, 5);
            assertThat(second.failed).isEmpty();
            assertThat(second.crossed).hasValue(0);
            assertThat(idp.tokenCalls()).as("token calls of a second burst").isEqualTo(calls);

            seen.addAll(first.headers);
            seen.addAll(second.headers);
            seen.addAll(logs.lines());
        }
        for (HazelcastInstance member : hazelcast) {
            seen.addAll(mapContents(member));
        }
        assertThat(seen).as("log lines, headers and map entries seen").hasSizeGreaterThan(20);
        for (String subject : subjects.values()) {
            String signature = subject.substring(subject.lastIndexOf('.') + 1);
            assertThat(seen).as("places showing a subject token").filteredOn(text -> text.contains(signature)).isEmpty();
        }
    }

    @Test
    void aResultIsNeverCarriedPastItsSubjectsExp() throws Exception {
        String subject = idp.subject("brief", Duration.ofSeconds(3));
        long exp = com.nimbusds.jwt.JWTParser.parse(subject).getJWTClaimsSet().getExpirationTime().getTime();
        List<Long> carriedAt = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        // until a second past exp (the claim is in whole seconds), from every member
        while (System.currentTimeMillis() < exp + 1000) {
            for (CamelContext member : members) {
                Exchange done = call(member, subject);
                long now = System.currentTimeMillis();
                if (done.getException() == null) {
                    carriedAt.add(now);
                } else {
                    failures.add(done.getException().getMessage());
                }
            }
            Thread.sleep(20);
        }
        assertThat(carriedAt).as("exchanges that carried the result").isNotEmpty();
        assertThat(carriedAt).as("results carried after the subject's exp").allMatch(at -> at < exp);
        assertThat(failures).as("exchanges after exp fail for the subject's expiry").isNotEmpty()
                .allMatch(message -> message.contains("has expired"));
        assertThat(idp.exchanges(subject)).as("token calls for a subject of 3 s (the result would live 60 s)")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void aRefusedSubjectFailsOnlyItsOwnExchanges() throws Exception {
        Map<String, String> subjects = subjects(6, Duration.ofHours(1));
        String bad = subjects.get("user-3");
        idp.refuseSubject(bad);

        Load load = burst(subjects, 4);

        assertThat(load.failed.keySet()).containsOnly("user-3");
        assertThat(load.failures).allMatch(message -> message.contains("the subject token is invalid"));
        assertThat(load.crossed).hasValue(0);
        subjects.forEach((user, subject) -> {
            if (!user.equals("user-3")) {
                assertThat(idp.exchanges(subject)).as("token calls of %s", user).isEqualTo(1);
            }
        });
    }

    @Test
    void anOutageCountsOnceForEveryCallerOfTheCredential() {
        Map<String, String> subjects = subjects(6, Duration.ofHours(1));
        idp.refuseEveryGrant("down for maintenance");
        CamelContext member = members.get(0);
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            subjects.values().forEach(subject -> failures.add(call(member, subject).getException().getMessage()));
        }

        assertThat(failures).hasSize(18).allMatch(message -> message.contains("down for maintenance"));
        // three failures in a row (the fail-fast threshold) for the credential, not three per caller
        assertThat(idp.tokenCalls()).as("token calls while the server is down").isEqualTo(3);
    }

    @Test
    void withoutASubjectTokenTheExchangeFailsNamingTheHeaderAndNothingIsAsked() {
        Exchange done = members.get(0).createProducerTemplate().request("direct:api", exchange -> { });

        assertThat(done.getException()).hasMessageContaining(VendorAuthConstants.SUBJECT_TOKEN);
        assertThat(idp.tokenCalls()).isZero();
    }

    /** Every key and value of every map of the member, as text (bytes read as Latin-1, so any ASCII in them shows). */
    private static List<String> mapContents(HazelcastInstance member) {
        List<String> contents = new ArrayList<>();
        for (DistributedObject object : member.getDistributedObjects()) {
            if (object instanceof IMap<?, ?> map) {
                map.entrySet().forEach(entry -> {
                    contents.add(text(entry.getKey()));
                    contents.add(text(entry.getValue()));
                });
            }
        }
        return contents;
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value);
    }
}
