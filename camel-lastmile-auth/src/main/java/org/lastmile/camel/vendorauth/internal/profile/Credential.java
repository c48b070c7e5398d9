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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.lastmile.camel.vendorauth.spi.TokenKey;


/**
 * One credential: a profile resolved against an endpoint's options (see {@link CredentialResolver}), with everything needed
 * to ask the vendor for its token, and its {@link #key()} in stores, derived once. Immutable; holds secrets, so
 * {@link #toString()} names only what is safe.
 */
public final class Credential {

    private static final byte[] SALT = "camel-lastmile-auth/token-key/v1".getBytes(StandardCharsets.UTF_8);

    private final String profile;
    private final TokenEndpoint endpoint;
    private final Grant grant;
    private final Client client;
    private final RequestParameters parameters;
    private final VendorProfile.ExpiryRules expiry;
    private final VendorProfile.RefreshRules refresh;
    private final String apiBaseUrl;
    private final String sealingKey;
    private final DpopPolicy dpop;
    private final TokenKey key;
    private final String label;

    /**
     * @param profile    the profile's name, for messages
     * @param endpoint   where token requests go and how
     * @param grant      the primary grant
     * @param client     the client and its authentication
     * @param parameters further parameters of the primary request
     * @param expiry     how lifetimes are read and bounded
     * @param refresh    how refresh tokens are used
     * @param apiBaseUrl the vendor API's base URL for the chosen environment, or {@code null}
     * @param sealingKey key material the user gives for a credential without a secret of its own, or {@code null}
     */
    public Credential(String profile, TokenEndpoint endpoint, Grant grant, Client client, RequestParameters parameters,
                      VendorProfile.ExpiryRules expiry, VendorProfile.RefreshRules refresh, String apiBaseUrl,
                      String sealingKey) {
        this(profile, endpoint, grant, client, parameters, expiry, refresh, apiBaseUrl, sealingKey, null);
    }

    /**
     * A credential whose tokens are bound to a DPoP key.
     *
     * @param dpop DPoP settings (RFC 9449), or {@code null} for bearer tokens
     */
    public Credential(String profile, TokenEndpoint endpoint, Grant grant, Client client, RequestParameters parameters,
                      VendorProfile.ExpiryRules expiry, VendorProfile.RefreshRules refresh, String apiBaseUrl,
                      String sealingKey, DpopPolicy dpop) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.grant = Objects.requireNonNull(grant, "grant");
        this.client = Objects.requireNonNull(client, "client");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.apiBaseUrl = apiBaseUrl;
        this.sealingKey = sealingKey;
        this.dpop = dpop;
        this.key = deriveKey();
        this.label = null;
    }

    private Credential(Credential credential, String label) {
        this.profile = credential.profile;
        this.endpoint = credential.endpoint;
        this.grant = credential.grant;
        this.client = credential.client;
        this.parameters = credential.parameters;
        this.expiry = credential.expiry;
        this.refresh = credential.refresh;
        this.apiBaseUrl = credential.apiBaseUrl;
        this.sealingKey = credential.sealingKey;
        this.dpop = credential.dpop;
        this.key = credential.key;
        this.label = label;
    }

    /**
     * The same credential, called by the name an exchange chose it by: for people reading logs and health checks. Not
     * part of its identity: two names for one credential share its token.
     */
    public Credential labelled(String name) {
        return new Credential(this, name);
    }

    /** The name an exchange chose this credential by, or {@code null} for an endpoint's own. */
    public String label() {
        return label;
    }

    /** The same credential asking with another grant: a new credential, with a key of its own. */
    public Credential withGrant(Grant other) {
        Credential credential = new Credential(profile, endpoint, other, client, parameters, expiry, refresh, apiBaseUrl,
                sealingKey, dpop);
        return label == null ? credential : credential.labelled(label);
    }

    /** The profile's name, for messages. */
    public String profile() {
        return profile;
    }

    /** Where token requests go and how. */
    public TokenEndpoint endpoint() {
        return endpoint;
    }

    /** The primary grant. */
    public Grant grant() {
        return grant;
    }

    /** The client and its authentication. */
    public Client client() {
        return client;
    }

    /** Further parameters of the primary request. */
    public RequestParameters parameters() {
        return parameters;
    }

    /** How lifetimes are read and bounded. */
    public VendorProfile.ExpiryRules expiry() {
        return expiry;
    }

    /** How refresh tokens are used. */
    public VendorProfile.RefreshRules refresh() {
        return refresh;
    }

    /** The vendor API's base URL for the chosen environment, or {@code null}. */
    public String apiBaseUrl() {
        return apiBaseUrl;
    }

    /** DPoP settings (RFC 9449), or {@code null} for bearer tokens. */
    public DpopPolicy dpop() {
        return dpop;
    }

    /** Where the primary grant is sent. */
    public URI tokenUrl() {
        return endpoint.tokenUrl();
    }

    /** The client id, or {@code null}. */
    public String clientId() {
        return client.id();
    }

    /** Client authentication on refresh requests. */
    public ClientAuthentication refreshClientAuthentication() {
        return refresh.clientAuthentication() != null ? refresh.clientAuthentication() : client.authentication();
    }

    /** Body encoding of refresh requests. */
    public BodyFormat refreshBodyFormat() {
        return refresh.bodyFormat() != null ? refresh.bodyFormat() : endpoint.bodyFormat();
    }

    /** The secret strings of this credential (never {@code null} entries), for scrubbing text that might echo them. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(4);
        List<String> candidates = new ArrayList<>();
        candidates.add(client.secret());
        candidates.addAll(grant.secrets());
        TokenTransport.Proxy proxy = endpoint.transport().proxy();
        candidates.add(proxy == null ? null : proxy.password());
        candidates.add(sealingKey);
        parameters.secretNames().forEach(name -> candidates.add(parameters.values().get(name)));
        for (String secret : candidates) {
            if (secret != null && !secret.isEmpty()) {
                secrets.add(secret);
            }
        }
        return secrets;
    }

    /**
     * Whether anything of this credential is secret key material (see {@link #key()}): without, whoever knows its public
     * parts (client id, URLs) would derive its key, read its token from a shared store and plant one of his.
     */
    public boolean hasKeyMaterial() {
        return secretParts().stream().anyMatch(part -> part != null && !part.isEmpty());
    }

    @Override
    public String toString() {
        return "Credential[profile=" + profile + ", tokenUrl=" + endpoint.tokenUrl() + ", grantType=" + grant.wireName()
                + ", clientAuthentication=" + client.authentication().optionValue() + ", bodyFormat="
                + endpoint.bodyFormat().optionValue() + ", parameters=" + parameters.values().keySet() + ", transport="
                + endpoint.transport() + (dpop == null ? "" : ", dpop=" + dpop) + "]";
    }

    /**
     * This credential's name in stores: the same on every member configured with it, and revealing nothing of it. Private
     * keys (of the assertion, of the TLS client) are secret material like the client secret, and client certificates are
     * part of the identity: two credentials that differ only in a key never share a token. A credential with no secret
     * material at all is keyed with random material of this JVM alone, so that its token is kept per JVM.
     */
    public TokenKey key() {
        return key;
    }

    private TokenKey deriveKey() {
        byte[] secretMaterial = hasKeyMaterial() ? encode(secretParts().toArray(String[]::new)) : ThisJvm.keyMaterial();
        byte[] prk = Hkdf.extract(SALT, secretMaterial);
        byte[] idKey = Hkdf.expand(prk, "id", 32);
        byte[] sealing = Hkdf.expand(prk, "seal", 32);

        List<String> identity = new ArrayList<>();
        identity.add(profile);
        identity.add(endpoint.tokenUrl().toString());
        identity.add(endpoint.refreshUrl().toString());
        identity.add(grant.wireName());
        identity.add(client.authentication().optionValue());
        identity.add(endpoint.bodyFormat().optionValue());
        identity.add(client.id());
        identity.addAll(grant.identity());
        for (Map.Entry<String, String> p : parameters.values().entrySet()) {
            identity.add(p.getKey());
            // a secret value is key material, never part of the id
            identity.add(parameters.secretNames().contains(p.getKey()) ? null : p.getValue());
        }
        identity.addAll(keyIdentity());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(idKey, "HmacSHA256"));
            byte[] digest = mac.doFinal(encode(identity.toArray(String[]::new)));
            return new TokenKey(HexFormat.of().formatHex(digest, 0, 20), profile, sealing);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /**
     * The secrets: the client secret and the grant's, then the private keys of the assertion and of the TLS client when
     * there are any, so that a credential authenticated by a key alone is still keyed with secret material; then the
     * sealing key and the values of secret parameters, each after its label.
     */
    private List<String> secretParts() {
        List<String> parts = new ArrayList<>();
        parts.add(client.secret());
        parts.addAll(grant.secrets());
        if (client.assertion() != null && client.assertion().privateKey() != null) {
            parts.add(encoded(client.assertion().privateKey()));
        }
        endpoint.transport().clientKeys().forEach(clientKey -> parts.add(encoded(clientKey)));
        if (dpop != null && dpop.key() != null) {
            // a public client proving possession of a given DPoP key: the key is its secret
            parts.addAll(Arrays.asList("dpopKey", encoded(dpop.key().privateKey())));
        }
        if (sealingKey != null) {
            parts.addAll(Arrays.asList("sealingKey", sealingKey));
        }
        parameters.secretNames().stream().sorted().forEach(name -> parts.addAll(Arrays.asList("parameter", name,
                parameters.values().get(name))));
        return parts;
    }

    /**
     * What keys add to the identity: the assertion's settings and the client certificates' fingerprints, after a
     * {@code null} that no parameter value can be, so that they are never mistaken for parameters. Nothing when there
     * are none.
     */
    private List<String> keyIdentity() {
        List<String> parts = new ArrayList<>();
        ClientAssertion assertion = client.assertion();
        if (assertion != null) {
            parts.addAll(Arrays.asList("assertion", assertion.algorithm().name(), assertion.keyId(),
                    assertion.audience(), assertion.lifetime().toString()));
        }
        for (X509Certificate certificate : endpoint.transport().clientCertificates()) {
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
