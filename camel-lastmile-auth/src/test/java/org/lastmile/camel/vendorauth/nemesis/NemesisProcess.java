package org.lastmile.camel.vendorauth.nemesis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.lastmile.camel.vendorauth.test.Eventually.eventually;

/**
 * A JVM of the nemesis (vendor, member or client), started in a network namespace, and the lines it printed. Frozen,
 * thawed and killed by its own PID; killed on close. It ends by itself when its standard input closes.
 */
final class NemesisProcess implements AutoCloseable {

    /** How long JVMs may take to start and form a cluster on a machine busy with other builds. */
    static final Duration PATIENCE = Duration.ofMinutes(2);

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** When each line arrived, by this JVM's clock (a JVM under libfaketime prints instants of its own). */
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();

    private NemesisProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    arrivals.add(System.currentTimeMillis());
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "nemesis-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code main} with this test's class path.
     *
     * @param prefix the command that runs it in its namespace
     * @param env    further environment, such as libfaketime's
     */
    static NemesisProcess start(String name, List<String> prefix, Map<String, String> env, Class<?> main,
                                String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new NemesisProcess(name, builder.start());
    }

    String name() {
        return name;
    }

    List<String> lines() {
        return lines;
    }

    /** When line {@code index} arrived, in epoch milliseconds of this JVM. */
    long arrival(int index) {
        return arrivals.get(index);
    }

    /** The last line that starts with {@code prefix}, or {@code null}. */
    String last(String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return lines.get(i);
            }
        }
        return null;
    }

    /** Waits for a line the predicate takes, from line {@code from} on; answers its index. */
    int await(String what, int from, Predicate<String> line) {
        int[] found = { -1 };
        eventually(name + ": " + what + " (printed " + tail() + ")", PATIENCE, () -> {
            for (int i = from; i < lines.size(); i++) {
                if (line.test(lines.get(i))) {
                    found[0] = i;
                    return true;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended: " + tail());
            }
            return false;
        });
        return found[0];
    }

    private List<String> tail() {
        // a copy first: a sublist of a list that grows meanwhile fails when read
        List<String> now = List.copyOf(lines);
        return now.subList(Math.max(0, now.size() - 15), now.size());
    }

    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL, and waits for the end. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
