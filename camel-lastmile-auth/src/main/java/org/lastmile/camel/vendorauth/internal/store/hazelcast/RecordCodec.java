package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.DpopKey;
import org.lastmile.camel.vendorauth.spi.FailureState;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;

/**
 * The plain bytes of each {@link SharedRecord}. Instants of this JVM are written in cluster time ({@code offset} = cluster
 * time minus this JVM's clock) and read back into this JVM's time, so that no member's wall clock reaches another.
 */
final class RecordCodec {

    static final byte TOKEN = 1;
    static final byte TOMBSTONE = 2;
    static final byte MARKER = 3;
    static final byte FAILURE = 4;

    private static final long NONE = Long.MIN_VALUE;

    private RecordCodec() {
    }

    static byte kind(SharedRecord record) {
        if (record instanceof SharedRecord.Token) {
            return TOKEN;
        }
        if (record instanceof SharedRecord.Tombstone) {
            return TOMBSTONE;
        }
        return record instanceof SharedRecord.Marker ? MARKER : FAILURE;
    }

    static byte[] encode(SharedRecord record, long offset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (record instanceof SharedRecord.Token token) {
                AccessToken t = token.token();
                writeText(out, t.value());
                writeText(out, t.type());
                out.writeLong(t.expiresAt().toEpochMilli() + offset);
                writeText(out, t.refreshToken());
                out.writeLong(t.refreshTokenExpiresAt() == null ? NONE : t.refreshTokenExpiresAt().toEpochMilli() + offset);
                out.writeLong(t.obtainedAt().toEpochMilli() + offset);
                // the bound token's key travels inside the same sealed value: whoever may read the token adopts its key
                writeText(out, t.dpopKey() == null ? null : t.dpopKey().toPrivateJwk());
            } else if (record instanceof SharedRecord.Tombstone tombstone) {
                writeText(out, tombstone.fingerprint());
                out.writeLong(tombstone.expiresAt());
            } else if (record instanceof SharedRecord.Marker marker) {
                writeText(out, marker.lease());
                out.writeLong(marker.expiresAt());
            } else if (record instanceof SharedRecord.Failure failure) {
                FailureState state = failure.state();
                TokenEndpointException last = state.lastFailure();
                out.writeInt(last.getStatus());
                writeText(out, last.getError());
                writeText(out, last.getVendorMessage());
                out.writeLong(last.getRetryAfter() == null ? NONE : last.getRetryAfter().toMillis());
                out.writeInt(state.failures());
                out.writeLong(state.retryAt().toEpochMilli() + offset);
                out.writeLong(failure.expiresAt());
                out.writeLong(failure.since());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param profile the credential's profile, for a failure's message
     * @throws IOException           when the bytes are cut short
     * @throws IllegalStateException when they hold values no record has
     */
    static SharedRecord decode(byte kind, byte[] plain, long offset, String profile) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            switch (kind) {
                case TOKEN -> {
                    String value = readText(in);
                    String type = readText(in);
                    Instant expiresAt = Instant.ofEpochMilli(in.readLong() - offset);
                    String refreshToken = readText(in);
                    long refreshExpiry = in.readLong();
                    Instant obtainedAt = Instant.ofEpochMilli(in.readLong() - offset);
                    // absent from the values of members that predate DPoP: those tokens are bearer tokens
                    String dpopKey = in.available() > 0 ? readText(in) : null;
                    return new SharedRecord.Token(new AccessToken(value, type, expiresAt, refreshToken,
                            refreshExpiry == NONE ? null : Instant.ofEpochMilli(refreshExpiry - offset), obtainedAt,
                            dpopKey == null ? null : DpopKey.fromPrivateJwk(dpopKey)));
                }
                case TOMBSTONE -> {
                    return new SharedRecord.Tombstone(readText(in), in.readLong());
                }
                case MARKER -> {
                    return new SharedRecord.Marker(readText(in), in.readLong());
                }
                case FAILURE -> {
                    int status = in.readInt();
                    String error = readText(in);
                    String message = readText(in);
                    long retryAfter = in.readLong();
                    int failures = in.readInt();
                    Instant retryAt = Instant.ofEpochMilli(in.readLong() - offset);
                    long expiresAt = in.readLong();
                    // appended last, so that a member of the previous layout still reads the rest
                    long since = in.available() >= Long.BYTES ? in.readLong() : Long.MAX_VALUE;
                    TokenEndpointException last = new TokenEndpointException(profile, status, error, message,
                            retryAfter == NONE ? null : Duration.ofMillis(retryAfter), null);
                    return new SharedRecord.Failure(new FailureState(last, failures, retryAt), expiresAt, since);
                }
                default -> throw new IllegalStateException("no record of kind " + kind);
            }
        }
    }

    /** Length-prefixed UTF-8 (writeUTF stops at 64 KiB, and a JWT may be longer); -1 for {@code null}. */
    private static void writeText(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        if (length > in.available()) {
            throw new IOException("cut short");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
