package org.lastmile.camel.vendorauth.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/**
 * A cluster member in a JVM of its own ({@code cache.ClusterMemberMain}), and the lines it printed: one per exchange,
 * {@code TOKEN ...} or {@code FAILED ...}. It can be killed, frozen and thawed by its own PID; {@link #close()} kills it,
 * frozen or not.
 */
public final class MemberProcess implements AutoCloseable {

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
     * Starts a member of the cluster that sends an exchange every 100 ms, and waits until it has started.
     *
     * @param responseTimeout the component's response timeout, in milliseconds
     */
    public static MemberProcess start(LoopbackCluster cluster, String tokenUrl, long responseTimeout) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.lastmile.camel.vendorauth.internal.store.hazelcast.ClusterMemberMain", cluster.name(), String.valueOf(cluster.port()),
                tokenUrl, String.valueOf(responseTimeout)).redirectErrorStream(true).start();
        MemberProcess member = new MemberProcess(process);
        eventually("member started", () -> member.lines.contains("STARTED") || !process.isAlive());
        assertThat(process.isAlive()).as("member JVM alive; it printed %s", member.lines).isTrue();
        return member;
    }

    /** Exchanges that got a token so far. */
    public long tokens() {
        return lines.stream().filter(line -> line.startsWith("TOKEN")).count();
    }

    /** Exchanges that failed so far, with their messages. */
    public List<String> failures() {
        return lines.stream().filter(line -> line.startsWith("FAILED")).toList();
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
        assertThat(kill.exitValue()).as("kill -%s %d", name, process.pid()).isZero();
    }

    /** Kills the JVM; a frozen one too, since SIGKILL needs no cooperation. */
    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
