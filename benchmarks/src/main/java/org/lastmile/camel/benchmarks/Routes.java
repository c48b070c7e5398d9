package org.lastmile.camel.benchmarks;

import java.time.Duration;

import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;

/** The routes measured, each against the same local vendor, so that alternatives are compared like with like. */
final class Routes {

    /** vendorauth, then nothing. */
    static final String VENDORAUTH = "direct:vendorauth";
    /** A constant Authorization header, then nothing: the floor for the hot path. */
    static final String CONSTANT = "direct:constant";
    /** vendorauth, then an HTTP call to the local vendor's API. */
    static final String VENDORAUTH_HTTP = "direct:vendorauth-http";
    /** A constant header, then the same HTTP call. */
    static final String CONSTANT_HTTP = "direct:constant-http";
    /** camel-http's own OAuth2 with its token cache, calling the same API. */
    static final String CAMEL_HTTP_OAUTH2 = "direct:camel-http-oauth2";
    /** vendorauth with the credential named per exchange (header CamelVendorAuthCredential), then nothing. */
    static final String VENDORAUTH_NAMED = "direct:vendorauth-named";
    /** camel-http's own OAuth2 without its cache: a token per call. */
    static final String CAMEL_HTTP_NO_CACHE = "direct:camel-http-no-cache";

    private Routes() {
    }

    /** A started context, in-memory store, with {@link #VENDORAUTH_NAMED} serving {@code tenants}. */
    static CamelContext startNamed(LocalVendor vendor, Tenants tenants) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        VendorAuthComponent component = new VendorAuthComponent();
        component.setTokenStore(new InMemoryTokenStore());
        component.setMaxCredentials(tenants.count() + 1);
        camel.addComponent("vendorauth", component);
        camel.getRegistry().bind("tenants", tenants);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(VENDORAUTH_NAMED).to("vendorauth:oauth2?tokenUrl=" + vendor.tokenUrl() + "&clientId="
                        + LocalVendor.CLIENT.clientId() + "&clientSecret=" + LocalVendor.CLIENT.clientSecret()
                        + "&credentialProvider=#tenants");
            }
        });
        camel.start();
        return camel;
    }

    /**
     * A started context with every route.
     *
     * @param member        the Hazelcast member that shares tokens, or {@code null} for an in-memory store
     * @param refreshMargin how long before expiry vendorauth refreshes
     */
    static CamelContext start(LocalVendor vendor, HazelcastInstance member, Duration refreshMargin) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        VendorAuthComponent component = new VendorAuthComponent();
        if (member == null) {
            component.setTokenStore(new InMemoryTokenStore());
        } else {
            component.setHazelcastInstance(member);
        }
        component.setRefreshMargin(refreshMargin.toMillis());
        camel.addComponent("vendorauth", component);
        String credential = "clientId=" + LocalVendor.CLIENT.clientId() + "&clientSecret="
                + LocalVendor.CLIENT.clientSecret();
        String api = vendor.apiUrl();
        String oauth2 = api + "?oauth2ClientId=" + LocalVendor.CLIENT.clientId() + "&oauth2ClientSecret="
                + LocalVendor.CLIENT.clientSecret() + "&oauth2TokenEndpoint=" + vendor.tokenUrl();
        String fixed = vendor.fixedAuthorization();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(VENDORAUTH).to("vendorauth:oauth2?tokenUrl=" + vendor.tokenUrl() + "&" + credential);
                from(CONSTANT).setHeader("Authorization", constant(fixed));
                from(VENDORAUTH_HTTP).to("vendorauth:oauth2?tokenUrl=" + vendor.tokenUrl() + "&" + credential).to(api);
                from(CONSTANT_HTTP).setHeader("Authorization", constant(fixed)).to(api);
                // the same refresh margin as vendorauth's, so that both caches are compared on equal terms
                from(CAMEL_HTTP_OAUTH2).to(oauth2 + "&oauth2CacheTokens=true&oauth2CachedTokensExpirationMarginSeconds="
                        + refreshMargin.toSeconds());
                from(CAMEL_HTTP_NO_CACHE).to(oauth2);
            }
        });
        camel.start();
        return camel;
    }
}
