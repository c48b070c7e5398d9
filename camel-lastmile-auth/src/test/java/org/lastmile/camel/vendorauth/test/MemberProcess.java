package org.lastmile.camel.vendorauth.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/**
 * A cluster member in a JVM of its own ({@code internal.store.hazelcast.ClusterMemberMain}), and the lines it printed: its
 * cluster's size as it changes, then, once told to {@link #go()}, one line per exchange, {@code TOKEN ...} or
 * {@code FAILED ...}, each with how long the exchange took. It can be killed, frozen and thawed by its own PID;
 * {@link #close()} kills it, frozen or not.
 */
public final class MemberProcess implements AutoCloseable {

    /** How long JVMs may take to start and form a cluster on a machine busy with other builds. */
    public static final Duration START_PATIENCE = Duration.ofMinutes(3);

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private MemberProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code count} members of the cluster at once, and waits until each has started and sees all of them.
     *
     * @param responseTimeout the component's response timeout in milliseconds, or {@code null} for its default
     */
    public static List<MemberProcess> startAll(LoopbackCluster cluster, int count, String tokenUrl, Long responseTimeout)
            throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<MemberProcess> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    "org.lastmile.camel.vendorauth.internal.store.hazelcast.ClusterMemberMain", cluster.name(),
                    String.valueOf(cluster.port()), tokenUrl, responseTimeout == null ? "default"
                            : String.valueOf(responseTimeout)).redirectErrorStream(true).start();
            members.add(new MemberProcess(process));
        }
        try {
            for (MemberProcess member : members) {
                eventually("a member started and sees " + count + " members", START_PATIENCE,
                        () -> member.lines.contains("STARTED") && member.members() == count || !member.process.isAlive());
                assertThat(member.process.isAlive()).as("member JVM alive; it printed %s", member.lines).isTrue();
            }
        } catch (AssertionError notReady) {
            for (MemberProcess member : members) {
                member.process.destroyForcibly();
            }
            throw notReady;
        }
        return members;
    }

    /** The cluster's size as this member last saw it. */
    private int members() {
        int seen = 0;
        for (String line : lines) {
            if (line.startsWith("MEMBERS ")) {
                seen = Integer.parseInt(line.substring(8).trim());
            }
        }
        return seen;
    }

    /** Its last {@code count} lines, log lines included: what a failed assertion about it shows. */
    public List<String> lastLines(int count) {
        List<String> all = List.copyOf(lines);
        return all.subList(Math.max(0, all.size() - count), all.size());
    }

    /** Starts its exchanges. */
    public void go() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write("GO\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Exchanges that got a token so far. */
    public long tokens() {
        return lines.stream().filter(line -> line.startsWith("TOKEN")).count();
    }

    /** Exchanges that failed so far, with their messages. */
    public List<String> failures() {
        return lines.stream().filter(line -> line.startsWith("FAILED")).toList();
    }

    /** The longest an exchange of this member took so far, in milliseconds. */
    public long longestWaitMillis() {
        return lines.stream().filter(line -> line.startsWith("TOKEN") || line.startsWith("FAILED"))
                .mapToLong(line -> Long.parseLong(line.split(" ")[line.startsWith("TOKEN") ? 2 : 1])).max().orElse(0);
    }

    /** SIGKILL, and waits for the end. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGSTOP: the JVM stops where it is, sockets open, as a long GC pause or a frozen VM would. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: a frozen JVM goes on. */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s %d; the member JVM alive: %s, exit value: %s, its last lines: %s", name,
                process.pid(), process.isAlive(), process.isAlive() ? "none" : process.exitValue(), lastLines(60))
                .isZero();
    }

    /** Kills the JVM; a frozen one too, since SIGKILL needs no cooperation. */
    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
