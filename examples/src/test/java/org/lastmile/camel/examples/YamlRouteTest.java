package org.lastmile.camel.examples;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.simulators.SimulatorServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The YAML DSL route, loaded as camel-main (and camel run) loads it, calls the sandbox's API with a token. */
class YamlRouteTest {

    @Test
    void theYamlRouteGetsATokenAndCallsTheApi() throws Exception {
        try (SimulatorServer sandbox = Sandbox.start(Duration.ofMinutes(5))) {
            Main main = new Main();
            main.setDefaultPropertyPlaceholderLocation("false");
            main.addInitialProperty("camel.main.routes-include-pattern", "classpath:routes/orders.camel.yaml");
            main.addInitialProperty("camel.component.vendorauth.token-store",
                    "#class:org.lastmile.camel.vendorauth.spi.InMemoryTokenStore");
            main.addInitialProperty("orders.token-url", sandbox.baseUrl() + "/oauth2/token");
            main.addInitialProperty("orders.api-url", sandbox.baseUrl() + "/oauth2/api/orders");
            main.addInitialProperty("orders.client-id", "demo-client");
            main.addInitialProperty("orders.client-secret", "demo-secret");
            main.start();
            try {
                Exchange done = main.getCamelTemplate().request("direct:orders-yaml", exchange -> { });
                assertThat(done.getException()).isNull();
                assertThat(done.getMessage().getBody(String.class)).contains("\"vendor\":\"oauth2\"");
                assertThat(sandbox.vendor("oauth2").tokenCalls()).isEqualTo(1);
            } finally {
                main.stop();
            }
        }
    }
}
