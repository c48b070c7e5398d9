package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.lastmile.camel.vendorauth.spi.TokenKey;

/**
 * Turns every {@link SharedRecord} of one credential into bytes only that credential can read or forge, and back:
 * AES-256-GCM with the credential's sealing key (derived from its secrets, see {@link TokenKey}), and as associated data
 * the record's kind and the key id, so that a value copied under another key, or a marker passed off as a token, does not
 * open. Layout: version (1 byte), kind (1 byte), IV (12 bytes), ciphertext with its 16-byte tag.
 */
final class TokenSealer {

    private static final byte VERSION = 2;
    private static final int HEADER = 2;
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final byte[] id;
    private final String profile;
    private final SecureRandom random = new SecureRandom();

    TokenSealer(TokenKey tokenKey) {
        this.key = new SecretKeySpec(tokenKey.sealingKey(), "AES");
        this.id = tokenKey.id().getBytes(StandardCharsets.UTF_8);
        this.profile = tokenKey.profile();
    }

    /**
     * @param offset cluster time minus this JVM's clock, in milliseconds ({@link ClusterClock#offset()})
     */
    byte[] seal(SharedRecord record, long offset) {
        byte kind = RecordCodec.kind(record);
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(kind));
            byte[] sealed = cipher.doFinal(RecordCodec.encode(record, offset));
            return ByteBuffer.allocate(HEADER + IV_LENGTH + sealed.length).put(VERSION).put(kind).put(iv).put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    /**
     * The record, or {@code null} when the value is not a record sealed for this credential: anything else an outsider
     * may have written (another type, other bytes, a value of another credential, a tampered one).
     */
    SharedRecord open(Object value, long offset) {
        if (!(value instanceof byte[] sealed) || sealed.length <= HEADER + IV_LENGTH || sealed[0] != VERSION) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, HEADER, IV_LENGTH));
            cipher.updateAAD(associatedData(sealed[1]));
            byte[] plain = cipher.doFinal(sealed, HEADER + IV_LENGTH, sealed.length - HEADER - IV_LENGTH);
            return RecordCodec.decode(sealed[1], plain, offset, profile);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return null;
        }
    }

    private byte[] associatedData(byte kind) {
        return ByteBuffer.allocate(1 + id.length).put(kind).put(id).array();
    }
}
