package org.lastmile.camel.examples.springboot;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.lastmile.camel.vendorauth.spi.TokenStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@link TokenStore} bean of the application is the component's store, with no property naming it. */
@SpringBootTest(properties = {
        "camel.component.vendorauth.client-id=example-client",
        "camel.component.vendorauth.client-secret=example-secret" })
@Import({ LoopbackTestConfig.class, TokenStoreBeanTest.StoreOfTheApplication.class })
class TokenStoreBeanTest {

    @Autowired
    private ProducerTemplate template;
    @Autowired
    private CamelContext camelContext;
    @Autowired
    private LoopbackVendor vendor;
    @Autowired
    private InMemoryTokenStore store;

    @TestConfiguration(proxyBeanMethods = false)
    static class StoreOfTheApplication {

        @Bean
        InMemoryTokenStore tokenStore() {
            return new InMemoryTokenStore();
        }
    }

    @Test
    void theApplicationsStoreKeepsTheTokens() {
        vendor.grants("token-7", "[]");

        assertThat(template.requestBody("direct:orders", null, String.class)).isEqualTo("[]");

        assertThat(camelContext.getComponent("vendorauth", VendorAuthComponent.class).getTokenStore()).isSameAs(store);
        assertThat(store.size()).isEqualTo(1);
    }
}
