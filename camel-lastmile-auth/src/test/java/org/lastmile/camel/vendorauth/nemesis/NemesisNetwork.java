package org.lastmile.camel.vendorauth.nemesis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces of one nemesis run: a hub with a bridge (where the vendor runs), and one namespace per host, linked
 * to the bridge by a veth pair, on a private /24 that exists only inside these namespaces. Cutting a host sets its link
 * down on the hub's side: it keeps running, alone, as a partitioned machine does. Everything is removed on close.
 */
final class NemesisNetwork implements AutoCloseable {

    private final String prefix;
    private final String hub;
    private final List<String> hosts = new ArrayList<>();

    private NemesisNetwork(int hostCount) throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String tag = "nem" + Integer.toString(random.nextInt(36 * 36 * 36), 36);
        this.prefix = "10." + (200 + random.nextInt(50)) + "." + random.nextInt(1, 250);
        this.hub = tag + "-hub";
        // a test JVM ended by a signal removes them too
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "nemesis-network-cleanup"));
        run("ip", "netns", "add", hub);
        run("ip", "-n", hub, "link", "set", "lo", "up");
        run("ip", "-n", hub, "link", "add", "br0", "type", "bridge");
        run("ip", "-n", hub, "addr", "add", prefix + ".1/24", "dev", "br0");
        run("ip", "-n", hub, "link", "set", "br0", "up");
        for (int i = 0; i < hostCount; i++) {
            String host = tag + "-h" + i;
            run("ip", "netns", "add", host);
            hosts.add(host);
            run("ip", "-n", host, "link", "set", "lo", "up");
            run("ip", "-n", hub, "link", "add", "h" + i, "type", "veth", "peer", "name", "eth0", "netns", host);
            run("ip", "-n", hub, "link", "set", "h" + i, "master", "br0");
            run("ip", "-n", hub, "link", "set", "h" + i, "up");
            run("ip", "-n", host, "addr", "add", address(i) + "/24", "dev", "eth0");
            run("ip", "-n", host, "link", "set", "eth0", "up");
        }
    }

    /**
     * The namespaces for {@code hostCount} hosts.
     *
     * @throws IOException when this machine cannot make them (not root, no {@code ip}, no namespaces): whatever was
     *                     made is removed first
     */
    static NemesisNetwork create(int hostCount) throws IOException, InterruptedException {
        return new NemesisNetwork(hostCount);
    }

    /** The vendor's address, in the hub. */
    String hubAddress() {
        return prefix + ".1";
    }

    String address(int host) {
        return prefix + "." + (11 + host);
    }

    /** The host of that address, or -1. */
    int hostOf(String address) {
        for (int i = 0; i < hosts.size(); i++) {
            if (address(i).equals(address)) {
                return i;
            }
        }
        return -1;
    }

    /** The command prefix that runs a program in the host's namespace ({@code -1}: the hub's). */
    List<String> in(int host) {
        return List.of("ip", "netns", "exec", host < 0 ? hub : hosts.get(host));
    }

    /** Cuts the host off from every other host and from the vendor. */
    void cut(int host) throws IOException, InterruptedException {
        run("ip", "-n", hub, "link", "set", "h" + host, "down");
    }

    /** Links the host again. */
    void heal(int host) throws IOException, InterruptedException {
        run("ip", "-n", hub, "link", "set", "h" + host, "up");
    }

    @Override
    public void close() {
        for (String namespace : hosts) {
            quietly("ip", "netns", "del", namespace);
        }
        quietly("ip", "netns", "del", hub);
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            close();
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void quietly(String... command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // nothing was made
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
