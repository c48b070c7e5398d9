package org.lastmile.camel.examples.springboot;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store chosen by a property alone, as README shows it: {@code token-store=#class:...InMemoryTokenStore} gives the
 * component a store of that class, and the tokens are kept there.
 */
@SpringBootTest(properties = {
        "camel.component.vendorauth.client-id=example-client",
        "camel.component.vendorauth.client-secret=example-secret",
        "camel.component.vendorauth.token-store=#class:org.lastmile.camel.vendorauth.spi.InMemoryTokenStore" })
@Import(LoopbackTestConfig.class)
class TokenStorePropertyTest {

    @Autowired
    private ProducerTemplate template;
    @Autowired
    private CamelContext camelContext;
    @Autowired
    private LoopbackVendor vendor;

    @Test
    void theStoreNamedByThePropertyKeepsTheTokens() {
        vendor.grants("token-9", "[]");

        assertThat(template.requestBody("direct:orders", null, String.class)).isEqualTo("[]");
        assertThat(template.requestBody("direct:orders", null, String.class)).isEqualTo("[]");

        VendorAuthComponent component = camelContext.getComponent("vendorauth", VendorAuthComponent.class);
        assertThat(component.getTokenStore()).isInstanceOf(InMemoryTokenStore.class);
        assertThat(((InMemoryTokenStore) component.getTokenStore()).size()).isEqualTo(1);
        assertThat(vendor.tokenRequests()).isEqualTo(1);
    }
}
