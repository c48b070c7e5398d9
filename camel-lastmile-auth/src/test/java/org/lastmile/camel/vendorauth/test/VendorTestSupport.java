package org.lastmile.camel.vendorauth.test;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.lastmile.camel.vendorauth.spi.TokenStore;

/**
 * A Camel test against a real vendor on loopback, with the component on an in-memory store (autowired from the registry):
 * for what one JVM does. Cluster behaviour has tests of its own.
 */
public abstract class VendorTestSupport extends CamelTestSupport {

    @RegisterExtension
    protected static WireMockExtension vendor = TokenAnswers.vendor();

    @BindToRegistry
    protected TokenStore tokenStore = new InMemoryTokenStore();

    /** Sends an empty exchange to {@code uri} and returns it, failed or not. */
    protected Exchange call(String uri) {
        return template.request(uri, exchange -> { });
    }
}
