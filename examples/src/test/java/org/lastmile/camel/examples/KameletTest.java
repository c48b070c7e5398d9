package org.lastmile.camel.examples;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.lastmile.camel.simulators.SimulatorServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The vendorauth-action Kamelet, as Camel K, Kaoto or Karavan use it, in front of an API call. Runs where camel-kamelet is
 * on the class path: the compatibility build (Camel 4.18); the default build reports it skipped.
 */
@EnabledIf("kameletsAvailable")
class KameletTest {

    static boolean kameletsAvailable() {
        try {
            Class.forName("org.apache.camel.component.kamelet.KameletComponent");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void theKameletPutsATokenOnTheMessage() throws Exception {
        try (SimulatorServer sandbox = Sandbox.start(Duration.ofMinutes(5))) {
            Main main = new Main();
            main.setDefaultPropertyPlaceholderLocation("false");
            main.addInitialProperty("camel.component.vendorauth.token-store",
                    "#class:org.lastmile.camel.vendorauth.spi.InMemoryTokenStore");
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:orders")
                            .to("kamelet:vendorauth-action?profile=oauth2&tokenUrl=" + sandbox.baseUrl() + "/oauth2/token"
                                    + "&clientId=demo-client&clientSecret=demo-secret")
                            .to(sandbox.baseUrl() + "/oauth2/api/orders")
                            .convertBodyTo(String.class);
                }
            });
            main.start();
            try {
                // the route was built with every unset optional property of the Kamelet left out
                assertThat(main.getCamelContext().getEndpoints()).map(endpoint -> endpoint.getEndpointUri())
                        .filteredOn(uri -> uri.startsWith("vendorauth:")).singleElement().asString()
                        .doesNotContain("{{").doesNotContain("%7B").doesNotContain("password")
                        .doesNotContain("username").doesNotContain("scope");
                Exchange done = main.getCamelTemplate().request("direct:orders", exchange -> { });
                assertThat(done.getException()).isNull();
                assertThat(done.getMessage().getBody(String.class)).contains("\"vendor\":\"oauth2\"");
                assertThat(sandbox.vendor("oauth2").tokenCalls()).isEqualTo(1);
            } finally {
                main.stop();
            }
        }
    }

    @Test
    void anOptionalPropertyLeftUnsetNeverReachesTheComponentAsAPlaceholder() {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false");
        main.addInitialProperty("camel.component.vendorauth.token-store",
                "#class:org.lastmile.camel.vendorauth.spi.InMemoryTokenStore");
        // a user name chooses the password grant: without a password the route must not start, rather than send a
        // literal placeholder as the password
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:orders").to("kamelet:vendorauth-action?profile=oauth2&tokenUrl=http://127.0.0.1:9/token"
                        + "&clientId=demo-client&clientSecret=demo-secret&username=api@example.com");
            }
        });
        try {
            assertThat(catchThrowable(main::start)).hasStackTraceContaining("Option password is required");
        } finally {
            main.stop();
        }
    }
}
