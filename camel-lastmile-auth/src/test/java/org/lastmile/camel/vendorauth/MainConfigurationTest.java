package org.lastmile.camel.vendorauth;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Configuration the Camel way: camel.component.vendorauth.* properties, with placeholders for secrets. */
class MainConfigurationTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    @Test
    void componentOptionsFromPropertiesWithPlaceholders() throws Exception {
        vendor.stubFor(post("/token").willReturn(TokenAnswers.token("t1", 3600)));
        Main main = new Main();
        main.addInitialProperty("orders.secret", "from-a-vault");
        main.addInitialProperty("camel.component.vendorauth.token-store", "#class:"
                + "org.lastmile.camel.vendorauth.spi.InMemoryTokenStore");
        main.addInitialProperty("camel.component.vendorauth.token-url", vendor.baseUrl() + "/token");
        main.addInitialProperty("camel.component.vendorauth.client-id", "orders");
        main.addInitialProperty("camel.component.vendorauth.client-secret", "{{orders.secret}}");
        main.addInitialProperty("camel.component.vendorauth.scope", "orders:read");
        main.addInitialProperty("camel.component.vendorauth.refresh-margin", "30s");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:api").to("vendorauth:oauth2");
                from("direct:override").to("vendorauth:oauth2?scope=orders:write");
            }
        });
        main.start();
        try {
            Exchange done = main.getCamelTemplate().request("direct:api", exchange -> { });
            assertThat(done.getException()).isNull();
            assertThat(done.getMessage().getHeader("Authorization")).isEqualTo("Bearer t1");
            main.getCamelTemplate().request("direct:override", exchange -> { });

            VendorAuthComponent component = main.getCamelContext().getComponent("vendorauth", VendorAuthComponent.class);
            assertThat(component.getRefreshMargin()).isEqualTo(30_000);
        } finally {
            main.stop();
        }
        vendor.verify(postRequestedFor(urlEqualTo("/token"))
                .withRequestBody(equalTo("grant_type=client_credentials&scope=orders%3Aread")));
        vendor.verify(postRequestedFor(urlEqualTo("/token"))
                .withRequestBody(equalTo("grant_type=client_credentials&scope=orders%3Awrite")));
    }
}
