package org.lastmile.camel.vendorauth.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;

/** What a JVM a test starts does with its parent: waits for {@code GO}, ends with its input, prints its cluster's size. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** Watches standard input: the latch opens on a line {@code GO}; the JVM halts when the input ends (parent gone). */
    public static CountDownLatch goSignal() {
        CountDownLatch go = new CountDownLatch(1);
        Thread parent = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    if (line.equals("GO")) {
                        go.countDown();
                    }
                }
            } catch (IOException e) {
                // the same as the end of input: the parent is gone
            }
            Runtime.getRuntime().halt(0);
        });
        parent.setDaemon(true);
        parent.start();
        return go;
    }

    /** Prints {@code MEMBERS <n>} now and whenever the member's cluster changes: the parent's readiness signal. */
    public static void printMembers(HazelcastInstance member) {
        member.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                System.out.println("MEMBERS " + event.getMembers().size());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                System.out.println("MEMBERS " + event.getMembers().size());
            }
        });
        System.out.println("MEMBERS " + member.getCluster().getMembers().size());
    }
}
