package org.lastmile.camel.vendorauth.internal.profile;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.lastmile.camel.vendorauth.spi.TokenKey;


/**
 * One credential: a profile resolved against an endpoint's options (see {@link CredentialResolver}), with everything needed
 * to ask the vendor for its token, and its {@link #key()} in stores.
 * Holds secrets, so {@link #toString()} names only what is safe.
 *
 * @param profile              the profile's name, for messages
 * @param tokenUrl             where the primary grant is sent
 * @param refreshUrl           where refresh requests are sent
 * @param grantType            the primary grant
 * @param clientAuthentication client authentication on the primary grant
 * @param bodyFormat           encoding of the primary request
 * @param clientId             the client id, or {@code null}
 * @param clientSecret         the client secret, or {@code null}
 * @param username             the user (password grant), or {@code null}
 * @param password             the user's password (password grant), or {@code null}
 * @param parameters           further parameters of the primary request, in order
 * @param expiry               how lifetimes are read and bounded
 * @param refresh              how refresh tokens are used
 * @param apiBaseUrl           the vendor API's base URL for the chosen environment, or {@code null}
 * @param sealingKey           key material the user gives for a credential without a secret of its own, or {@code null}
 * @param secretParameters     the names of {@code parameters} whose values are secret: key material, masked, never part
 *                             of the key's id
 */
public record Credential(
        String profile,
        URI tokenUrl,
        URI refreshUrl,
        GrantType grantType,
        ClientAuthentication clientAuthentication,
        BodyFormat bodyFormat,
        String clientId,
        String clientSecret,
        String username,
        String password,
        Map<String, String> parameters,
        VendorProfile.ExpiryRules expiry,
        VendorProfile.RefreshRules refresh,
        String apiBaseUrl,
        String sealingKey,
        Set<String> secretParameters) {

    private static final byte[] SALT = "camel-lastmile-auth/token-key/v1".getBytes(StandardCharsets.UTF_8);

    public Credential {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(refreshUrl, "refreshUrl");
        Objects.requireNonNull(grantType, "grantType");
        Objects.requireNonNull(clientAuthentication, "clientAuthentication");
        Objects.requireNonNull(bodyFormat, "bodyFormat");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(refresh, "refresh");
        secretParameters = Set.copyOf(secretParameters);
    }

    /** A credential with no sealing key and no secret parameters. */
    public Credential(String profile, URI tokenUrl, URI refreshUrl, GrantType grantType,
                      ClientAuthentication clientAuthentication, BodyFormat bodyFormat, String clientId,
                      String clientSecret, String username, String password, Map<String, String> parameters,
                      VendorProfile.ExpiryRules expiry, VendorProfile.RefreshRules refresh, String apiBaseUrl) {
        this(profile, tokenUrl, refreshUrl, grantType, clientAuthentication, bodyFormat, clientId, clientSecret, username,
                password, parameters, expiry, refresh, apiBaseUrl, null, Set.of());
    }

    /** Client authentication on refresh requests. */
    public ClientAuthentication refreshClientAuthentication() {
        return refresh.clientAuthentication() != null ? refresh.clientAuthentication() : clientAuthentication;
    }

    /** Body encoding of refresh requests. */
    public BodyFormat refreshBodyFormat() {
        return refresh.bodyFormat() != null ? refresh.bodyFormat() : bodyFormat;
    }

    /** The secret strings of this credential (never {@code null} entries), for scrubbing text that might echo them. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(2);
        for (String secret : new String[] { clientSecret, password, sealingKey }) {
            if (secret != null && !secret.isEmpty()) {
                secrets.add(secret);
            }
        }
        secretParameters.forEach(name -> {
            String value = parameters.get(name);
            if (value != null && !value.isEmpty()) {
                secrets.add(value);
            }
        });
        return secrets;
    }

    /**
     * Whether anything of this credential is secret, so that its key can be derived from it: without, whoever knows its
     * public parts (client id, URLs) would derive the same key, read its token from a shared store and plant one of his.
     */
    public boolean hasKeyMaterial() {
        return !secrets().isEmpty();
    }

    @Override
    public String toString() {
        return "Credential[profile=" + profile + ", tokenUrl=" + tokenUrl + ", grantType=" + grantType.wireName()
                + ", clientAuthentication=" + clientAuthentication.optionValue() + ", bodyFormat=" + bodyFormat.optionValue()
                + ", parameters=" + parameters.keySet() + "]";
    }

    /** This credential's name in stores: the same on every member configured with it, and revealing nothing of it. */
    public TokenKey key() {
        Credential request = this;
        byte[] secretMaterial = hasKeyMaterial() ? keyMaterial() : ThisJvm.keyMaterial();
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
            // a secret value is key material, never part of the id
            identity[i++] = secretParameters.contains(p.getKey()) ? null : p.getValue();
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

    /** Every secret in its place, so that a secret moved from one option to another gives another key. */
    private byte[] keyMaterial() {
        List<String> parts = new ArrayList<>(Arrays.asList(clientSecret, password, sealingKey));
        secretParameters.stream().sorted().forEach(name -> {
            parts.add(name);
            parts.add(parameters.get(name));
        });
        return encode(parts.toArray(String[]::new));
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

    /**
     * Key material for credentials without a secret: random, and this JVM's alone, so that their tokens are kept per JVM
     * (another member derives another key, and its entries are not these) and nobody else can open or forge them.
     */
    private static final class ThisJvm {
        private static final byte[] KEY_MATERIAL = random();

        private static byte[] random() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return bytes;
        }

        static byte[] keyMaterial() {
            return KEY_MATERIAL.clone();
        }
    }
}
