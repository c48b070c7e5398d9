package org.lastmile.camel.vendorauth.internal.profile;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
 * @param clientAssertion      how client assertions are signed, when a client authentication signs them; else {@code null}
 * @param transport            how the token endpoint is reached: TLS context and proxy
 * @param sealingKey           key material the user gives for a credential without a secret of its own, or {@code null}
 * @param secretParameters     the names of {@code parameters} whose values are secret: key material, masked, never part
 *                             of the key's id
 * @param dpop                 DPoP settings (RFC 9449), or {@code null} for bearer tokens
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
        ClientAssertion clientAssertion,
        TokenTransport transport,
        String sealingKey,
        Set<String> secretParameters,
        DpopPolicy dpop) {

    private static final byte[] SALT = "camel-lastmile-auth/token-key/v1".getBytes(StandardCharsets.UTF_8);

    /** A credential without client assertion, reached with the JVM's TLS defaults and proxy properties. */
    public Credential(String profile, URI tokenUrl, URI refreshUrl, GrantType grantType,
                      ClientAuthentication clientAuthentication, BodyFormat bodyFormat, String clientId, String clientSecret,
                      String username, String password, Map<String, String> parameters, VendorProfile.ExpiryRules expiry,
                      VendorProfile.RefreshRules refresh, String apiBaseUrl) {
        this(profile, tokenUrl, refreshUrl, grantType, clientAuthentication, bodyFormat, clientId, clientSecret, username,
                password, parameters, expiry, refresh, apiBaseUrl, null, TokenTransport.JVM_DEFAULTS);
    }

    /** A credential without sealing key or secret parameters. */
    public Credential(String profile, URI tokenUrl, URI refreshUrl, GrantType grantType,
                      ClientAuthentication clientAuthentication, BodyFormat bodyFormat, String clientId, String clientSecret,
                      String username, String password, Map<String, String> parameters, VendorProfile.ExpiryRules expiry,
                      VendorProfile.RefreshRules refresh, String apiBaseUrl, ClientAssertion clientAssertion,
                      TokenTransport transport) {
        this(profile, tokenUrl, refreshUrl, grantType, clientAuthentication, bodyFormat, clientId, clientSecret, username,
                password, parameters, expiry, refresh, apiBaseUrl, clientAssertion, transport, null, Set.of());
    }

    /** A credential of bearer tokens. */
    public Credential(String profile, URI tokenUrl, URI refreshUrl, GrantType grantType,
                      ClientAuthentication clientAuthentication, BodyFormat bodyFormat, String clientId, String clientSecret,
                      String username, String password, Map<String, String> parameters, VendorProfile.ExpiryRules expiry,
                      VendorProfile.RefreshRules refresh, String apiBaseUrl, ClientAssertion clientAssertion,
                      TokenTransport transport, String sealingKey, Set<String> secretParameters) {
        this(profile, tokenUrl, refreshUrl, grantType, clientAuthentication, bodyFormat, clientId, clientSecret, username,
                password, parameters, expiry, refresh, apiBaseUrl, clientAssertion, transport, sealingKey, secretParameters,
                null);
    }

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
        Objects.requireNonNull(transport, "transport");
        secretParameters = Set.copyOf(secretParameters);
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
        List<String> secrets = new ArrayList<>(4);
        for (String secret : new String[] { clientSecret, password,
            transport.proxy() == null ? null : transport.proxy().password(), sealingKey }) {
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
     * Whether anything of this credential is secret key material (see {@link #key()}): without, whoever knows its public
     * parts (client id, URLs) would derive its key, read its token from a shared store and plant one of his.
     */
    public boolean hasKeyMaterial() {
        return Arrays.stream(secretParts()).anyMatch(part -> part != null && !part.isEmpty());
    }

    @Override
    public String toString() {
        return "Credential[profile=" + profile + ", tokenUrl=" + tokenUrl + ", grantType=" + grantType.wireName()
                + ", clientAuthentication=" + clientAuthentication.optionValue() + ", bodyFormat=" + bodyFormat.optionValue()
                + ", parameters=" + parameters.keySet() + ", transport=" + transport
                + (dpop == null ? "" : ", dpop=" + dpop) + "]";
    }

    /**
     * This credential's name in stores: the same on every member configured with it, and revealing nothing of it. Private
     * keys (of the assertion, of the TLS client) are secret material like the client secret, and client certificates are
     * part of the identity: two credentials that differ only in a key never share a token. A credential with no secret
     * material at all is keyed with random material of this JVM alone, so that its token is kept per JVM.
     */
    public TokenKey key() {
        Credential request = this;
        byte[] secretMaterial = hasKeyMaterial() ? encode(secretParts()) : ThisJvm.keyMaterial();
        byte[] prk = Hkdf.extract(SALT, secretMaterial);
        byte[] idKey = Hkdf.expand(prk, "id", 32);
        byte[] sealingKey = Hkdf.expand(prk, "seal", 32);

        List<String> identity = new ArrayList<>();
        identity.add(request.profile());
        identity.add(request.tokenUrl().toString());
        identity.add(request.refreshUrl().toString());
        identity.add(request.grantType().wireName());
        identity.add(request.clientAuthentication().optionValue());
        identity.add(request.bodyFormat().optionValue());
        identity.add(request.clientId());
        identity.add(request.username());
        for (Map.Entry<String, String> p : request.parameters().entrySet()) {
            identity.add(p.getKey());
            // a secret value is key material, never part of the id
            identity.add(secretParameters.contains(p.getKey()) ? null : p.getValue());
        }
        identity.addAll(keyIdentity());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(idKey, "HmacSHA256"));
            byte[] digest = mac.doFinal(encode(identity.toArray(String[]::new)));
            return new TokenKey(HexFormat.of().formatHex(digest, 0, 20), request.profile(), sealingKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /**
     * The secrets: client secret and password, then the private keys of the assertion and of the TLS client when there are
     * any, so that a credential authenticated by a key alone is still keyed with secret material. Keys are appended only
     * when present, so credentials without them keep the ids they had before keys existed; so are the sealing key and the
     * values of secret parameters, each after its label.
     */
    private String[] secretParts() {
        List<String> parts = new ArrayList<>(Arrays.asList(clientSecret, password));
        if (clientAssertion != null && clientAssertion.privateKey() != null) {
            parts.add(encoded(clientAssertion.privateKey()));
        }
        transport.clientKeys().forEach(key -> parts.add(encoded(key)));
        if (sealingKey != null) {
            parts.addAll(Arrays.asList("sealingKey", sealingKey));
        }
        secretParameters.stream().sorted().forEach(name -> parts.addAll(Arrays.asList("parameter", name,
                parameters.get(name))));
        return parts.toArray(String[]::new);
    }

    /**
     * What keys add to the identity: the assertion's settings and the client certificates' fingerprints, after a
     * {@code null} that no parameter value can be, so that they are never mistaken for parameters. Nothing when there
     * are none.
     */
    private List<String> keyIdentity() {
        List<String> parts = new ArrayList<>();
        if (clientAssertion != null) {
            parts.addAll(Arrays.asList("assertion", clientAssertion.algorithm().name(), clientAssertion.keyId(),
                    clientAssertion.audience(), clientAssertion.lifetime().toString()));
        }
        for (X509Certificate certificate : transport.clientCertificates()) {
            parts.add("certificate");
            parts.add(fingerprint(certificate));
        }
        if (dpop != null) {
            parts.addAll(dpop.identity());
        }
        if (!parts.isEmpty()) {
            parts.add(0, null);
        }
        return parts;
    }

    private static String encoded(PrivateKey key) {
        // a key kept in hardware does not leave it: then its certificate alone names the credential
        byte[] encoded = key.getEncoded();
        return encoded == null ? key.getAlgorithm() : Base64.getEncoder().encodeToString(encoded);
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A certificate could not be encoded", e);
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
