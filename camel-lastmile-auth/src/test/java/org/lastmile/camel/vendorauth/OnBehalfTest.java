package org.lastmile.camel.vendorauth;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.simulators.SimulatorServer;
import org.lastmile.camel.simulators.TokenExchangeServer;
import org.lastmile.camel.simulators.VendorCredentials;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The options and headers of the grants on behalf of a caller, on one member against the strict simulator: the subject
 * from its own header (then gone from the message), the JWT bearer grant, the client in the body, the token types, and
 * {@code invalidate} acting on the caller the exchange's enrich used.
 */
class OnBehalfTest {

    private final LoopbackCluster cluster = new LoopbackCluster();
    private SimulatorServer server;
    private TokenExchangeServer idp;
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        server = new SimulatorServer();
        idp = server.add(new TokenExchangeServer(VendorCredentials.client("gateway", "gateway-secret"),
                Clock.systemUTC()));
        String client = "&tokenUrl=" + idp.tokenUrl() + "&clientId=gateway&clientSecret=gateway-secret";
        camel = CamelApplications.start(CamelApplications.sharingThrough(cluster.startMember()), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:exchange").to("vendorauth:oauth2?grantType=token_exchange&clientAuthentication=body"
                        + "&requestedTokenType=urn:ietf:params:oauth:token-type:access_token&resource=orders-api" + client);
                from("direct:jwt-type").to("vendorauth:oauth2?grantType=token_exchange"
                        + "&subjectTokenType=urn:ietf:params:oauth:token-type:jwt" + client);
                getContext().getRegistry().bind("partners", (org.lastmile.camel.vendorauth.spi.CredentialProvider)
                        name -> name.equals("orders") ? java.util.Map.of("grantType", "token_exchange", "audience",
                                "orders-api") : null);
                from("direct:named").to("vendorauth:oauth2?credentialProvider=#partners" + client);
                from("direct:bearer").to("vendorauth:oauth2?grantType=jwt_bearer&scope=orders" + client);
                // as a route does on the API's 401: enrich, call, then invalidate on the same exchange
                from("direct:refused").to("vendorauth:oauth2?grantType=jwt_bearer&scope=orders" + client)
                        .setProperty("sent", header("Authorization"))
                        .to("vendorauth:oauth2?grantType=jwt_bearer&scope=orders&operation=invalidate" + client);
            }
        });
    }

    @AfterEach
    void stop() {
        camel.stop();
        cluster.close();
        server.close();
    }

    private Exchange withSubjectHeader(String route, String subject) {
        return camel.createProducerTemplate().request(route, exchange -> {
            exchange.getMessage().setHeader(VendorAuthConstants.SUBJECT_TOKEN, subject);
            exchange.getMessage().setHeader("Authorization", "Basic b3RoZXI6Y2FsbGVy");
        });
    }

    @Test
    void theSubjectHeaderWinsAndLeavesTheMessage() {
        String subject = idp.subject("ann", Duration.ofMinutes(10));

        Exchange done = withSubjectHeader("direct:exchange", subject);

        assertThat(done.getException()).isNull();
        assertThat(idp.callerOf(done.getMessage().getHeader("Authorization", String.class))).isEqualTo("ann");
        assertThat(done.getMessage().getHeaders()).doesNotContainKey(VendorAuthConstants.SUBJECT_TOKEN);
        assertThat(idp.refusals()).isEmpty();
    }

    @Test
    void theJwtBearerGrantSendsTheSubjectAsAssertionAndInvalidateFollowsTheCaller() {
        String subject = idp.subject("bob", Duration.ofMinutes(10));
        Exchange first = withSubjectHeader("direct:bearer", subject);
        assertThat(first.getException()).isNull();
        assertThat(idp.tokenCalls(TokenExchangeServer.JWT_BEARER)).isEqualTo(1);

        // the API refused bob's token: invalidate, on the same exchange, drops it; the next enrich asks again
        Exchange refused = withSubjectHeader("direct:refused", subject);
        assertThat(refused.getProperty("sent")).isEqualTo(first.getMessage().getHeader("Authorization"));
        assertThat(refused.getMessage().getHeader(VendorAuthConstants.INVALIDATED, Boolean.class)).isTrue();
        Exchange again = withSubjectHeader("direct:bearer", subject);
        assertThat(again.getMessage().getHeader("Authorization")).isNotEqualTo(first.getMessage()
                .getHeader("Authorization"));
        assertThat(idp.exchanges(subject)).isEqualTo(2);
    }

    @Test
    void aSubjectTokenTypeTheServerDoesNotTakeSurfacesInItsWords() {
        Exchange done = withSubjectHeader("direct:jwt-type", idp.subject("carl", Duration.ofMinutes(10)));

        assertThat(done.getException()).hasMessageContaining("invalid_request")
                .hasMessageContaining("unsupported subject_token_type");
    }

    @Test
    void aNamedCredentialMayActOnBehalfOfTheCaller() {
        String subject = idp.subject("erin", Duration.ofMinutes(10));

        Exchange done = camel.createProducerTemplate().request("direct:named", exchange -> {
            exchange.getMessage().setHeader(VendorAuthConstants.CREDENTIAL, "orders");
            exchange.getMessage().setHeader("Authorization", "Bearer " + subject);
        });

        assertThat(done.getException()).isNull();
        assertThat(idp.callerOf(done.getMessage().getHeader("Authorization", String.class))).isEqualTo("erin");
        assertThat(idp.exchanges(subject)).isEqualTo(1);
    }

    @Test
    void anExpiredSubjectIsRefusedWithoutACall() {
        Exchange done = withSubjectHeader("direct:exchange", idp.subject("dora", Duration.ofSeconds(-1)));

        assertThat(done.getException()).hasMessageContaining("has expired");
        assertThat(idp.tokenCalls()).isZero();
    }
}
