package org.lastmile.camel.vendorauth.internal.oauth;

import java.io.Closeable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.lastmile.camel.vendorauth.internal.profile.TokenTransport;

/**
 * Makes and keeps the HTTP clients of token requests: one per transport (TLS context and proxy), each with its own small
 * connection pool, so that a connection opened with one client certificate or through one proxy never serves another
 * credential. Host names are always verified. A transport without a proxy follows the JVM's proxy properties
 * ({@code https.proxyHost}, {@code http.proxyHost}, {@code http.nonProxyHosts}), read on every request.
 */
final class TokenHttpClients implements Closeable {

    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int maxConnections;
    private final Map<TokenTransport, CloseableHttpClient> clients = new ConcurrentHashMap<>();

    /**
     * @param connectTimeout  bound on opening a connection
     * @param responseTimeout bound on waiting for the answer
     * @param maxConnections  size of each client's pool
     */
    TokenHttpClients(Duration connectTimeout, Duration responseTimeout, int maxConnections) {
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.maxConnections = maxConnections;
    }

    /** The client of this transport, made on first use. */
    CloseableHttpClient clientFor(TokenTransport transport) {
        return clients.computeIfAbsent(transport, this::build);
    }

    private CloseableHttpClient build(TokenTransport transport) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                // the JVM's default context reads javax.net.ssl.trustStore and keyStore; both verify host names
                .setTlsSocketStrategy(transport.sslContext() == null ? DefaultClientTlsStrategy.createSystemDefault()
                        : new DefaultClientTlsStrategy(transport.sslContext()))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        .build())
                .build();
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("camel-lastmile-auth")
                .evictIdleConnections(TimeValue.ofSeconds(30));
        TokenTransport.Proxy proxy = transport.proxy();
        if (proxy == null) {
            // null: ProxySelector.getDefault() on every request, which reads the JVM's proxy properties
            builder.setRoutePlanner(new SystemDefaultRoutePlanner(null));
        } else {
            HttpHost proxyHost = new HttpHost("http", proxy.host(), proxy.port());
            builder.setProxy(proxyHost);
            if (proxy.username() != null) {
                // scoped to the proxy: a token endpoint's own challenge never receives these credentials
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(new AuthScope(proxyHost), new UsernamePasswordCredentials(proxy.username(),
                        proxy.password() == null ? new char[0] : proxy.password().toCharArray()));
                builder.setDefaultCredentialsProvider(credentials);
            }
        }
        return builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(client -> client.close(CloseMode.GRACEFUL));
        clients.clear();
    }
}
