package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.TokenKey;

/**
 * Turns a token into bytes only its credential can read, and back: AES-256-GCM with the credential's sealing key (derived
 * from its secrets, see {@link TokenKey}) and the key id as associated data, so a value copied under another key does not
 * open. Layout: version (1 byte), IV (12 bytes), ciphertext with its 16-byte tag.
 */
final class TokenSealer {

    private static final byte VERSION = 1;
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final byte[] associatedData;
    private final SecureRandom random = new SecureRandom();

    TokenSealer(TokenKey tokenKey) {
        this.key = new SecretKeySpec(tokenKey.sealingKey(), "AES");
        this.associatedData = tokenKey.id().getBytes(StandardCharsets.UTF_8);
    }

    byte[] seal(AccessToken token) {
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(serialize(token));
            return ByteBuffer.allocate(1 + IV_LENGTH + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    /** The token, or {@code null} when the bytes are not a token sealed for this credential. */
    AccessToken open(byte[] sealed) {
        if (sealed == null || sealed.length <= 1 + IV_LENGTH || sealed[0] != VERSION) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_LENGTH));
            cipher.updateAAD(associatedData);
            return deserialize(cipher.doFinal(sealed, 1 + IV_LENGTH, sealed.length - 1 - IV_LENGTH));
        } catch (GeneralSecurityException | IOException e) {
            return null;
        }
    }

    private static byte[] serialize(AccessToken token) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeText(out, token.value());
            writeText(out, token.type());
            out.writeLong(token.expiresAt().toEpochMilli());
            writeText(out, token.refreshToken());
            out.writeLong(token.refreshTokenExpiresAt() == null ? Long.MIN_VALUE : token.refreshTokenExpiresAt().toEpochMilli());
            out.writeLong(token.obtainedAt().toEpochMilli());
        } catch (IOException e) {
            throw new IllegalStateException("Writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static AccessToken deserialize(byte[] plain) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            String value = readText(in);
            String type = readText(in);
            Instant expiresAt = Instant.ofEpochMilli(in.readLong());
            String refreshToken = readText(in);
            long refreshExpiry = in.readLong();
            Instant obtainedAt = Instant.ofEpochMilli(in.readLong());
            return new AccessToken(value, type, expiresAt, refreshToken,
                    refreshExpiry == Long.MIN_VALUE ? null : Instant.ofEpochMilli(refreshExpiry), obtainedAt);
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
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
