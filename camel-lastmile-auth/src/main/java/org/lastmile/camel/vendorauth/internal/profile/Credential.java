package org.lastmile.camel.vendorauth.internal.profile;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
        String apiBaseUrl) {

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
        if (clientSecret != null && !clientSecret.isEmpty()) {
            secrets.add(clientSecret);
        }
        if (password != null && !password.isEmpty()) {
            secrets.add(password);
        }
        return secrets;
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
}
