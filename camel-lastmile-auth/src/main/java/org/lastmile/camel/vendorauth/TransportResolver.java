package org.lastmile.camel.vendorauth;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509KeyManager;

import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.lastmile.camel.vendorauth.internal.profile.TokenTransport;

/**
 * Turns the TLS and proxy options into a {@link TokenTransport}: the TLS context Camel's {@link SSLContextParameters} make,
 * the client certificates and keys it may present (they name the credential and key its sealing), and the proxy. Errors
 * name the option and never quote a password.
 */
final class TransportResolver {

    /** Key types a TLS client may present, as {@link X509KeyManager#getClientAliases} names them. */
    private static final List<String> KEY_TYPES = List.of("RSA", "EC", "RSASSA-PSS", "EdDSA");

    private TransportResolver() {
    }

    /**
     * @param options the endpoint's options
     * @param global  the CamelContext's global parameters when the component may use them, else {@code null}
     * @param context the CamelContext, which resolves key store resources
     */
    static TokenTransport resolve(VendorAuthConfiguration options, SSLContextParameters global, CamelContext context) {
        SSLContextParameters tls = options.getSslContextParameters() != null ? options.getSslContextParameters() : global;
        TokenTransport.Proxy proxy = proxy(options);
        if (tls == null) {
            return new TokenTransport(null, List.of(), List.of(), proxy);
        }
        SSLContext sslContext;
        Map<String, X509Certificate> certificates = new TreeMap<>();
        Map<String, PrivateKey> keys = new TreeMap<>();
        try {
            sslContext = tls.createSSLContext(context);
            KeyManagersParameters keyManagers = tls.getKeyManagers();
            if (keyManagers != null) {
                keyManagers.setCamelContext(context);
                collectClientKeys(keyManagers.createKeyManagers(), tls.getCertAlias(), certificates, keys);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Option sslContextParameters: the TLS context cannot be made: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return new TokenTransport(sslContext, new ArrayList<>(certificates.values()), new ArrayList<>(keys.values()), proxy);
    }

    /**
     * Every certificate and key the key managers may present, by the certificate's fingerprint: the same key store gives
     * the same order on every member.
     */
    private static void collectClientKeys(KeyManager[] managers, String certAlias, Map<String, X509Certificate> certificates,
                                          Map<String, PrivateKey> keys) throws GeneralSecurityException {
        for (KeyManager manager : managers) {
            if (!(manager instanceof X509KeyManager x509)) {
                continue;
            }
            for (String keyType : KEY_TYPES) {
                String[] aliases = x509.getClientAliases(keyType, null);
                for (String alias : aliases == null ? new String[0] : aliases) {
                    X509Certificate[] chain = x509.getCertificateChain(alias);
                    PrivateKey key = x509.getPrivateKey(alias);
                    if ((certAlias == null || certAlias.equals(alias)) && chain != null && chain.length > 0 && key != null) {
                        String fingerprint = HexFormat.of().formatHex(
                                MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
                        certificates.put(fingerprint, chain[0]);
                        keys.put(fingerprint, key);
                    }
                }
            }
        }
    }

    private static TokenTransport.Proxy proxy(VendorAuthConfiguration options) {
        String host = options.getProxyHost();
        if (host == null || host.isBlank()) {
            if (options.getProxyAuthUsername() != null) {
                // proxy credentials go only to a proxy named here, never to whatever the JVM's properties point at
                throw new IllegalArgumentException("Option proxyAuthUsername needs proxyHost");
            }
            return null;
        }
        Integer port = options.getProxyPort();
        if (port == null) {
            throw new IllegalArgumentException("Option proxyPort is required with proxyHost");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Option proxyPort must be between 1 and 65535, not " + port);
        }
        return new TokenTransport.Proxy(host.trim(), port, options.getProxyAuthUsername(), options.getProxyAuthPassword());
    }
}
