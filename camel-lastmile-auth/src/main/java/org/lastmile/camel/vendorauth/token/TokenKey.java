package org.lastmile.camel.vendorauth.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names one credential's token in a store without revealing the credential. The id is an HMAC of everything that shapes
 * the token request (URLs, grant, client, user, parameters), keyed by a key derived from the credential's own secrets: the
 * same credential gets the same id on every member, and whoever does not know the secrets cannot test a guess. The same
 * secrets yield a second, independent key that stores use to encrypt the token.
 */
public final class TokenKey {

    private static final byte[] SALT = "camel-lastmile-auth/token-key/v1".getBytes(StandardCharsets.UTF_8);

    private final String id;
    private final String profile;
    private final byte[] sealingKey;

    private TokenKey(String id, String profile, byte[] sealingKey) {
        this.id = id;
        this.profile = profile;
        this.sealingKey = sealingKey;
    }

    /** The key of the credential a request describes. */
    public static TokenKey of(TokenRequest request) {
        byte[] secretMaterial = encode(request.clientSecret(), request.password());
        byte[] prk = Hkdf.extract(SALT, secretMaterial);
        byte[] idKey = Hkdf.expand(prk, "id", 32);
        byte[] sealingKey = Hkdf.expand(prk, "seal", 32);

        String[] identity = new String[8 + 2 * request.parameters().size()];
        int i = 0;
        identity[i++] = request.profile();
        identity[i++] = request.tokenUrl().toString();
        identity[i++] = request.refreshUrl().toString();
        identity[i++] = request.grantType().wireName();
        identity[i++] = request.clientAuthentication().optionValue();
        identity[i++] = request.bodyFormat().optionValue();
        identity[i++] = request.clientId();
        identity[i++] = request.username();
        for (Map.Entry<String, String> p : request.parameters().entrySet()) {
            identity[i++] = p.getKey();
            identity[i++] = p.getValue();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(idKey, "HmacSHA256"));
            byte[] digest = mac.doFinal(encode(identity));
            return new TokenKey(HexFormat.of().formatHex(digest, 0, 20), request.profile(), sealingKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Length-prefixed concatenation, so that ("ab","c") and ("a","bc") differ; {@code null} differs from "". */
    private static byte[] encode(String... parts) {
        int size = 0;
        byte[][] bytes = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = parts[i] == null ? null : parts[i].getBytes(StandardCharsets.UTF_8);
            size += 4 + (bytes[i] == null ? 0 : bytes[i].length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (byte[] part : bytes) {
            buffer.putInt(part == null ? -1 : part.length);
            if (part != null) {
                buffer.put(part);
            }
        }
        return buffer.array();
    }

    /** The id: 40 hex digits, safe to use as a map key or in a log line. */
    public String id() {
        return id;
    }

    /** The profile's name. */
    public String profile() {
        return profile;
    }

    /** A copy of the 256-bit key with which stores encrypt this credential's token. */
    public byte[] sealingKey() {
        return sealingKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenKey key && key.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return profile + "/" + id.substring(0, 12);
    }
}
