package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the ports of a range on loopback that something other than a Hazelcast member listens on. Such a port held in the
 * join list stalls a joining member for Hazelcast's whole join timeout (minutes), each attempt logging "Unknown protocol".
 * A member answers its protocol header ({@code HZC}) with its own; anything else, or silence, is foreign.
 */
final class ForeignPorts {

    private static final byte[] PROTOCOL = "HZC".getBytes(StandardCharsets.US_ASCII);
    private static final int CONNECT_MILLIS = 500;
    private static final int ANSWER_MILLIS = 2000;

    private ForeignPorts() {
    }

    /** The ports of {@code [first, first + count)} on loopback held by something that is not a Hazelcast member. */
    static Set<Integer> in(int first, int count) {
        Set<Integer> foreign = new TreeSet<>();
        for (int port = first; port < first + count; port++) {
            if (heldByOther(port)) {
                foreign.add(port);
            }
        }
        return foreign;
    }

    private static boolean heldByOther(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_MILLIS);
            socket.setSoTimeout(ANSWER_MILLIS);
            socket.getOutputStream().write(PROTOCOL);
            socket.getOutputStream().flush();
            return !Arrays.equals(PROTOCOL, readAnswer(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            // something accepted the connection and never answered: no member does that
            return true;
        } catch (IOException e) {
            // nothing listens there (connection refused): the port is free for a member
            return false;
        }
    }

    private static byte[] readAnswer(InputStream in) throws IOException {
        byte[] answer = new byte[PROTOCOL.length];
        int read = 0;
        while (read < answer.length) {
            int n = in.read(answer, read, answer.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return Arrays.copyOf(answer, read);
    }
}
