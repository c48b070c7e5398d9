package org.lastmile.camel.vendorauth.internal.profile;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * How a token endpoint is reached: the TLS context and the proxy. Holds private keys and a proxy password, so
 * {@link #toString()} names only what is safe.
 *
 * @param sslContext         the TLS context of https token URLs; {@code null}: the JVM's default, which reads
 *                           {@code javax.net.ssl.trustStore} and {@code javax.net.ssl.keyStore}
 * @param clientCertificates the certificates the TLS context may present to the server (mutual TLS), in a fixed order
 * @param clientKeys         their private keys, in the same order: secret material of the credential
 * @param proxy              the proxy; {@code null}: the JVM's {@code https.proxyHost}, {@code http.proxyHost} and
 *                           {@code http.nonProxyHosts}
 */
public record TokenTransport(SSLContext sslContext, List<X509Certificate> clientCertificates, List<PrivateKey> clientKeys,
                             Proxy proxy) {

    /** The JVM's TLS defaults and proxy properties. */
    public static final TokenTransport JVM_DEFAULTS = new TokenTransport(null, List.of(), List.of(), null);

    public TokenTransport {
        clientCertificates = List.copyOf(clientCertificates);
        clientKeys = List.copyOf(clientKeys);
    }

    /**
     * An HTTP proxy (CONNECT for https). Holds a password, so {@link #toString()} does not show it.
     *
     * @param host     the proxy's host
     * @param port     the proxy's port
     * @param username the user for proxy Basic authentication, or {@code null}
     * @param password the user's password, or {@code null}
     */
    public record Proxy(String host, int port, String username, String password) {
        public Proxy {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public String toString() {
            return "Proxy[" + host + ":" + port + (username == null ? "" : ", username=" + username) + "]";
        }
    }

    @Override
    public String toString() {
        return "TokenTransport[tls=" + (sslContext == null ? "JVM default" : "own") + ", clientCertificates="
                + clientCertificates.size() + ", proxy=" + (proxy == null ? "JVM properties" : proxy) + "]";
    }
}
