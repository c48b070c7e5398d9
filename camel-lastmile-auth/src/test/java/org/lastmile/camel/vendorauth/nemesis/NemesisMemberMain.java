package org.lastmile.camel.vendorauth.nemesis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.internal.store.hazelcast.EmbeddedHazelcast;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.ChildJvm;

/**
 * One Camel application of the nemesis, in a JVM of its own: a Hazelcast member or client, and threads that each get a
 * token from vendorauth and call the vendor's API with it, 10 ms apart. It prints {@code MEMBERS <n>} as the
 * cluster changes and {@code STARTED}; once told {@code GO}, every 250 ms
 * {@code REPORT <exchanges> <failed> <longest ms> <oldest in flight ms>} and one {@code FAILED <epoch ms> <message>}
 * per failed exchange. It ends when its standard input closes.
 *
 * <p>
 * Arguments: {@code member} or {@code client}, cluster name, bind address, port, members (comma-separated addresses),
 * token URL, API URL, threads.
 */
public final class NemesisMemberMain {

    private NemesisMemberMain() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch go = ChildJvm.goSignal();
        HazelcastInstance hazelcast = args[0].equals("client") ? client(args[1], args[4]) : member(args[1], args[2],
                Integer.parseInt(args[3]), args[4]);
        if (args[0].equals("member")) {
            ChildJvm.printMembers(hazelcast);
        } else {
            System.out.println("MEMBERS " + hazelcast.getCluster().getMembers().size());
        }
        VendorAuthComponent component = CamelApplications.sharingThrough(hazelcast);
        component.setResponseTimeout(3000);
        component.setConnectTimeout(1000);
        component.setBackoffInitial(100);
        component.setBackoffMax(500);
        CamelContext camel = CamelApplications.start(component, CamelApplications.apiRoute(
                "vendorauth:oauth2?tokenUrl=" + args[5] + "&clientId=nemesis&clientSecret=s"));
        System.out.println("STARTED");
        go.await();

        int threads = Integer.parseInt(args[7]);
        AtomicLong exchanges = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong longest = new AtomicLong();
        AtomicLongArray started = new AtomicLongArray(threads);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI api = URI.create(args[6]);
        for (int t = 0; t < threads; t++) {
            int slot = t;
            Thread load = new Thread(() -> exchanges(camel.createProducerTemplate(), http, api, slot, started,
                    exchanges, failed, longest), "load-" + t);
            load.setDaemon(true);
            load.start();
        }
        while (true) {
            long now = System.nanoTime();
            long oldest = 0;
            for (int t = 0; t < threads; t++) {
                long since = started.get(t);
                if (since != 0) {
                    oldest = Math.max(oldest, TimeUnit.NANOSECONDS.toMillis(now - since));
                }
            }
            System.out.println("REPORT " + exchanges.get() + " " + failed.get() + " " + longest.get() + " " + oldest);
            Thread.sleep(250);
        }
    }

    /** One thread's load: a token from vendorauth, then the API with it; the exchange's time covers both. */
    private static void exchanges(ProducerTemplate template, HttpClient http, URI api, int slot,
                                  AtomicLongArray started, AtomicLong exchanges, AtomicLong failed, AtomicLong longest) {
        while (true) {
            long start = System.nanoTime();
            started.set(slot, start);
            String problem;
            Exchange done = template.request("direct:api", exchange -> { });
            if (done.getException() != null) {
                problem = done.getException().getMessage();
            } else {
                problem = callApi(http, api, done.getMessage().getHeader("Authorization", String.class));
            }
            started.set(slot, 0);
            longest.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
            exchanges.incrementAndGet();
            if (problem != null) {
                failed.incrementAndGet();
                System.out.println("FAILED " + System.currentTimeMillis() + " " + problem.replace('\n', ' '));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** {@code null} when the API took the token; what went wrong otherwise. */
    private static String callApi(HttpClient http, URI api, String authorization) {
        try {
            // longer than any freeze the nemesis applies: a frozen caller's own clock must not fail its API call
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(15))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? null : "API answered " + answer.statusCode() + " " + answer.body();
        } catch (IOException e) {
            return "API call failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static HazelcastInstance member(String cluster, String address, int port, String members) {
        Config config = EmbeddedHazelcast.config(cluster, port, 1, members);
        config.getNetworkConfig().getInterfaces().clear().addInterface(address);
        // a member cut off is taken for gone within seconds, as a production cluster tuned for it would
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "3");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "3");
        return Hazelcast.newHazelcastInstance(config);
    }

    private static HazelcastInstance client(String cluster, String members) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        for (String member : members.split(",")) {
            config.getNetworkConfig().addAddress(member);
        }
        return HazelcastClient.newHazelcastClient(config);
    }
}
