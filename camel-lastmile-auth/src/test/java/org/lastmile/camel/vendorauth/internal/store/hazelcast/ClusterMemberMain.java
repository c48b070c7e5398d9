package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.ChildJvm;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;

/**
 * One Camel application in a JVM of its own, for tests that need real processes. It starts a member of the cluster and
 * prints {@code MEMBERS <n>} whenever the cluster's size changes (a readiness signal), then waits for a line {@code GO}
 * on its standard input before it sends an exchange every 100 ms, printing one line per exchange:
 * {@code TOKEN <hash> <millis>} or {@code FAILED <millis> <message>}, with how long the exchange took. It ends when its
 * parent closes its standard input, so that no test leaves it behind.
 *
 * <p>
 * Arguments: cluster name, first port, token URL, response timeout in milliseconds ({@code default}: the component's).
 * Every other timeout is the component's default.
 */
public final class ClusterMemberMain {

    private ClusterMemberMain() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch go = ChildJvm.goSignal();
        HazelcastInstance member = EmbeddedHazelcast.start(args[0], Integer.parseInt(args[1]), LoopbackCluster.PORTS,
                "127.0.0.1");
        ChildJvm.printMembers(member);

        VendorAuthComponent component = CamelApplications.sharingThrough(member);
        if (!args[3].equals("default")) {
            component.setResponseTimeout(Long.parseLong(args[3]));
        }
        // a member that failed (the thawed winner) tries again soon
        component.setBackoffInitial(100);
        component.setBackoffMax(500);
        CamelContext camel = CamelApplications.start(component,
                CamelApplications.apiRoute("vendorauth:oauth2?tokenUrl=" + args[2] + "&clientId=orders&clientSecret=s"));
        System.out.println("STARTED");
        go.await();
        ProducerTemplate template = camel.createProducerTemplate();
        while (true) {
            long started = System.nanoTime();
            Exchange done = template.request("direct:api", exchange -> { });
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            String header = done.getMessage().getHeader("Authorization", String.class);
            System.out.println(done.getException() == null ? "TOKEN " + header.hashCode() + " " + took
                    : "FAILED " + took + " " + done.getException().getMessage());
            Thread.sleep(100);
        }
    }
}
