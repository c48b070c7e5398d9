package org.lastmile.camel.examples;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.lastmile.camel.simulators.SimulatorServer;


/**
 * The cluster demo: the orders application started as three JVMs that form one Hazelcast cluster on loopback, all calling
 * the sandbox's API at once. It prints what each member did and how many tokens the sandbox issued: one per token lifetime
 * for the three together.
 */
public final class ClusterDemo {

    /** What the run saw: each member's line, and the sandbox's count of token calls. */
    public record Result(List<String> members, int tokenCalls, Duration tokenLifetime, Duration ran) {
    }

    private ClusterDemo() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Starting a vendor sandbox and three member JVMs, which find each other on loopback; each then"
                + " calls the API for 20 s. About 40 s in all, a minute or more on a busy machine; the members report"
                + " when they end...");
        Result result = run(Duration.ofSeconds(20), Duration.ofSeconds(6));
        System.out.println();
        result.members().forEach(System.out::println);
        System.out.printf("Three JVMs, one cluster, %d s of calls: the sandbox issued %d tokens of %d s each.%n",
                result.ran().toSeconds(), result.tokenCalls(), result.tokenLifetime().toSeconds());
        System.out.println(RefreshForecast.of(result.tokenLifetime(), OrdersDemo.REFRESH_MARGIN).describe(result.ran()));
        System.out.println("'fetched' counts the token requests a member made; 'shared' the tokens it took from the cluster.");
    }

    /**
     * Runs three member JVMs against one sandbox.
     *
     * @param duration      how long each member calls the API
     * @param tokenLifetime how long the sandbox's tokens live
     */
    public static Result run(Duration duration, Duration tokenLifetime) throws Exception {
        String cluster = "orders-cluster-" + ProcessHandle.current().pid();
        try (SimulatorServer sandbox = Sandbox.start(tokenLifetime)) {
            List<Process> processes = new ArrayList<>();
            try {
                String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
                for (int member = 1; member <= 3; member++) {
                    processes.add(new ProcessBuilder(java, "-Xmx512m", "-Dhazelcast.logging.type=slf4j", "-cp", System.getProperty("java.class.path"),
                            ClusterMember.class.getName(), String.valueOf(member), sandbox.baseUrl(), cluster,
                            String.valueOf(duration.toSeconds())).redirectErrorStream(true).start());
                }
                List<String> lines = new ArrayList<>();
                for (Process process : processes) {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        out.lines().filter(line -> line.startsWith("MEMBER")).forEach(lines::add);
                    }
                    process.waitFor();
                }
                return new Result(lines, sandbox.vendor("oauth2").tokenCalls(), tokenLifetime, duration);
            } finally {
                processes.forEach(Process::destroyForcibly);
            }
        }
    }
}
