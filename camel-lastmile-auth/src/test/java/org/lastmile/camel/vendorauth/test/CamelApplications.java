package org.lastmile.camel.vendorauth.test;

import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.lastmile.camel.vendorauth.VendorAuthComponent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camel applications of a test's own, each with its own {@code vendorauth} component: what a cluster test runs once per
 * member. The caller stops what it started.
 */
public final class CamelApplications {

    private CamelApplications() {
    }

    /** A component that shares its tokens through {@code member}. */
    public static VendorAuthComponent sharingThrough(HazelcastInstance member) {
        VendorAuthComponent component = new VendorAuthComponent();
        component.setHazelcastInstance(member);
        return component;
    }

    /** The route {@code direct:api} to {@code credentialUri}. */
    public static RouteBuilder apiRoute(String credentialUri) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:api").to(credentialUri);
            }
        };
    }

    /** A started context with {@code component} as {@code vendorauth} and the routes. */
    public static CamelContext start(VendorAuthComponent component, RoutesBuilder routes) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("vendorauth", component);
        camel.addRoutes(routes);
        camel.start();
        return camel;
    }

    /** Sends an exchange to {@code direct:api}, asserts it succeeded, and returns its {@code Authorization} header. */
    public static String authorization(CamelContext application) {
        Exchange done = application.createProducerTemplate().request("direct:api", exchange -> { });
        assertThat(done.getException()).isNull();
        return done.getMessage().getHeader("Authorization", String.class);
    }
}
