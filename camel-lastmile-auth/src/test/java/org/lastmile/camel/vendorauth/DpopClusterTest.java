package org.lastmile.camel.vendorauth;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.simulators.DpopVendor;
import org.lastmile.camel.simulators.SimulatorServer;
import org.lastmile.camel.simulators.VendorCredentials;
import org.lastmile.camel.vendorauth.spi.DpopKey;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.LogCapture;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP on real Hazelcast members against the strict simulator: one key and one bound token per credential for the whole
 * cluster, a valid proof on every request, nonce challenges at one retry each and no new token, and the private key in no
 * map, log line or message.
 */
class DpopClusterTest {

    private static final VendorCredentials ACCOUNT = new VendorCredentials("orders", "dpop-Secret-41c", "u", "p", "M1");

    private final SimulatorServer server = new SimulatorServer();
    private final DpopVendor vendor = server.add(new DpopVendor(ACCOUNT, Clock.systemUTC()));
    private final LoopbackCluster cluster = new LoopbackCluster();
    private final List<CamelContext> applications = new ArrayList<>();

    DpopClusterTest() throws Exception {
    }

    @AfterEach
    void stop() {
        applications.forEach(CamelContext::stop);
        cluster.close();
        server.close();
    }

    private String credentialUri(String extra) {
        return "vendorauth:oauth2?tokenUrl=" + vendor.tokenUrl() + "&clientId=orders&clientSecret=RAW("
                + ACCOUNT.clientSecret() + ")&dpop=true" + extra;
    }

    /** A member whose route names the API call in {@code CamelHttpUri}, so that the proof is made as the exchange is enriched. */
    private CamelContext member(HazelcastInstance hazelcast, String extra) throws Exception {
        CamelContext camel = CamelApplications.start(CamelApplications.sharingThrough(hazelcast), new RouteBuilder() {
            @Override
            public void configure() {
                VendorAuthRetry.retryOnceWhenUnauthorized(this);
                from("direct:api").setHeader(Exchange.HTTP_URI, constant(vendor.url("/api/orders") + "?page=1"))
                        .to(credentialUri(extra)).to(vendor.url("/api/orders"));
            }
        });
        applications.add(camel);
        return camel;
    }

    private static List<Exchange> sendConcurrently(List<CamelContext> members, int count) throws Exception {
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ProducerTemplate template = members.get(i % members.size()).createProducerTemplate();
            sent.add(template.asyncSend("direct:api", exchange -> { }));
        }
        List<Exchange> done = new ArrayList<>();
        for (CompletableFuture<Exchange> exchange : sent) {
            done.add(exchange.get(60, TimeUnit.SECONDS));
        }
        return done;
    }

    @Test
    void thirtyExchangesOverThreeMembersShareOneKeyAndOneBoundToken() throws Exception {
        vendor.requireTokenNonce(true);
        vendor.requireApiNonce(true);
        List<CamelContext> members = List.of(member(cluster.startMember(), ""), member(cluster.startMember(), ""),
                member(cluster.startMember(), ""));

        for (Exchange done : sendConcurrently(members, 30)) {
            assertThat(done.getException()).as(vendor.refusals().toString()).isNull();
            assertThat(done.getMessage().getHeader("Authorization", String.class)).startsWith("DPoP ");
        }

        assertThat(vendor.tokensIssued()).isEqualTo(1);
        assertThat(vendor.tokenNonceChallenges()).as("the token endpoint's nonce: one retry").isEqualTo(1);
        assertThat(vendor.tokenCalls()).isEqualTo(2);
        String jkt = vendor.boundThumbprint(vendor.lastIssued());
        assertThat(vendor.proofsByThumbprint()).as("every proof from the one key the token is bound to")
                .containsOnlyKeys(jkt).containsEntry(jkt, 1 + 30);
        assertThat(vendor.apiNonceChallenges()).as("each member learns the API's nonce from a challenge").isBetween(1, 30);
        assertThat(vendor.apiCalls()).as("each challenge cost one retry").isEqualTo(30 + vendor.apiNonceChallenges());

        CamelContext later = member(cluster.startMember(), "");
        assertThat(sendConcurrently(List.of(later), 3)).allSatisfy(done -> assertThat(done.getException()).isNull());
        assertThat(vendor.tokensIssued()).as("a member joining later adopts the token and its key").isEqualTo(1);
        assertThat(vendor.proofsByThumbprint()).containsOnlyKeys(jkt);
    }

    @Test
    void aRevokedTokenIsRenewedOnceAndTheRepeatCarriesAProofForTheNewToken() throws Exception {
        CamelContext camel = member(cluster.startMember(), "");
        assertThat(camel.createProducerTemplate().send("direct:api", exchange -> { }).getException()).isNull();
        vendor.revokeTokens();

        Exchange renewed = camel.createProducerTemplate().send("direct:api", exchange -> { });

        assertThat(renewed.getException()).as(vendor.refusals().toString()).isNull();
        assertThat(vendor.tokensIssued()).isEqualTo(2);
        assertThat(vendor.apiCalls()).as("the refused call and its one repeat").isEqualTo(3);
        SignedJWT proof = SignedJWT.parse(renewed.getMessage().getHeader("DPoP", String.class));
        assertThat(proof.getHeader().getJWK().computeThumbprint().toString())
                .isEqualTo(vendor.boundThumbprint(vendor.lastIssued()));
    }

    @Test
    void theSendTimeSignerSignsTheRealMethodAndUriOfAToD() throws Exception {
        VendorAuthComponent component = CamelApplications.sharingThrough(cluster.startMember());
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("vendorauth", component);
        camel.getComponent("http", HttpComponent.class).setHttpClientConfigurer(new VendorAuthDpopSigner(component));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                VendorAuthRetry.retryOnceWhenUnauthorized(this);
                // no CamelHttpUri: the proof is made when camel-http sends, for the URL toD computed
                from("direct:api").to(credentialUri("")).toD(vendor.url("/api/orders") + "?n=${header.n}");
            }
        });
        camel.start();
        applications.add(camel);
        vendor.requireApiNonce(true);

        ProducerTemplate template = camel.createProducerTemplate();
        for (int i = 0; i < 5; i++) {
            int n = i;
            Exchange done = template.send("direct:api", exchange -> {
                exchange.getMessage().setHeader("n", n);
                exchange.getMessage().setBody(n % 2 == 0 ? "{\"order\":1}" : null);
            });
            assertThat(done.getException()).as(vendor.refusals().toString()).isNull();
        }
        assertThat(vendor.tokensIssued()).isEqualTo(1);
        assertThat(vendor.apiNonceChallenges()).as("learned from the challenge, then sent with every proof").isEqualTo(1);
        assertThat(vendor.apiCalls()).isEqualTo(6);
    }

    @Test
    void aServerAnsweringBearerToADpopRequestFailsTheFirstTokenClearlyUnlessAllowed() throws Exception {
        vendor.answerBearer(true);
        CamelContext strict = member(cluster.startMember(), "");
        Exchange refused = strict.createProducerTemplate().send("direct:api", exchange -> { });

        assertThat(refused.getException()).isNotNull();
        assertThat(refused.getException().getMessage()).contains("Bearer").contains("DPoP").contains("dpopAllowBearer");

        CamelContext lenient = member(cluster.startMember(), "&dpopAllowBearer=true");
        Exchange allowed = lenient.createProducerTemplate().send("direct:api", exchange -> { });
        assertThat(allowed.getMessage().getHeader("Authorization", String.class)).startsWith("Bearer ");
    }

    @Test
    void thePrivateKeyIsInNoMapLogLineOrMessage() throws Exception {
        List<String> seen = new ArrayList<>();
        String d;
        try (LogCapture logs = new LogCapture()) {
            HazelcastInstance hazelcast = cluster.startMember();
            CamelContext camel = member(hazelcast, "");
            vendor.requireApiNonce(true);
            Exchange done = camel.createProducerTemplate().send("direct:api", exchange -> { });
            assertThat(done.getException()).isNull();
            SignedJWT proof = SignedJWT.parse(done.getMessage().getHeader("DPoP", String.class));
            assertThat(proof.getHeader().getJWK().isPrivate()).isFalse();
            assertThat(proof.getHeader().getJWK().computeThumbprint().toString())
                    .isEqualTo(vendor.boundThumbprint(vendor.lastIssued()));

            // a failure too: the token endpoint refuses, and its message is read
            vendor.refuseEveryGrant("no more");
            Exchange failed = member(hazelcast, "&scope=other").createProducerTemplate().send("direct:api", exchange -> { });
            assertThat(failed.getException()).isNotNull();
            StringWriter trace = new StringWriter();
            failed.getException().printStackTrace(new PrintWriter(trace));
            seen.add(trace.toString());
            for (DistributedObject object : hazelcast.getDistributedObjects()) {
                if (object instanceof IMap<?, ?> map) {
                    map.forEach((key, value) -> seen.add(key + "=" + (value instanceof byte[] bytes
                            ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1) : value)));
                }
            }
            seen.addAll(logs.lines());
            DpopKey key = component(camel).dpopRequests().keyFor(vendor.lastIssued().value());
            d = ECKey.parse(key.toPrivateJwk()).getD().toString();
            seen.add(key.toString());
        }
        assertThat(String.join("\n", seen)).doesNotContain(d).doesNotContain("\"d\":");
    }

    private static VendorAuthComponent component(CamelContext camel) {
        return camel.getComponent("vendorauth", VendorAuthComponent.class);
    }
}
