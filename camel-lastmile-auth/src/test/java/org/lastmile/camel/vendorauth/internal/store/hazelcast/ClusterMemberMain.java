package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.io.IOException;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.test.CamelApplications;

/**
 * One Camel application in a JVM of its own, for tests that need real processes: it joins the cluster, then sends an
 * exchange every 100 ms and prints one line per exchange ({@code TOKEN <fingerprint>} or {@code FAILED <message>}). It ends
 * when its parent closes its standard input, so that no test leaves it behind.
 *
 * <p>
 * Arguments: cluster name, first port, token URL, response timeout in milliseconds.
 */
public final class ClusterMemberMain {

    private ClusterMemberMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent says nothing; end of input means it is gone
                }
            } catch (IOException e) {
                // the same: the parent is gone
            }
            Runtime.getRuntime().halt(0);
        });
        watchdog.setDaemon(true);
        watchdog.start();

        VendorAuthComponent component = new VendorAuthComponent();
        component.setClusterName(args[0]);
        component.setHazelcastPort(Integer.parseInt(args[1]));
        component.setConnectTimeout(1000);
        component.setResponseTimeout(Long.parseLong(args[3]));
        component.setBackoffInitial(100);
        component.setBackoffMax(500);
        CamelContext camel = CamelApplications.start(component,
                CamelApplications.apiRoute("vendorauth:oauth2?tokenUrl=" + args[2] + "&clientId=orders&clientSecret=s"));
        System.out.println("STARTED");
        ProducerTemplate template = camel.createProducerTemplate();
        while (true) {
            Exchange done = template.request("direct:api", exchange -> { });
            String header = done.getMessage().getHeader("Authorization", String.class);
            System.out.println(done.getException() == null ? "TOKEN " + header.hashCode()
                    : "FAILED " + done.getException().getMessage());
            Thread.sleep(100);
        }
    }
}
