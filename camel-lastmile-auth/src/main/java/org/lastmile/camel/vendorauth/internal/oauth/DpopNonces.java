package org.lastmile.camel.vendorauth.internal.oauth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The latest {@code DPoP-Nonce} each server gave (RFC 9449 §8, §9), by origin, so that the next proof to that server carries
 * it without a challenge first. Bounded: the least recently used origins leave beyond {@link #MAX_ORIGINS}. Nonces are not
 * secrets (a server hands them to anyone who asks), but a value that is not a nonce's syntax is ignored, not kept.
 */
public final class DpopNonces {

    /** Origins remembered at most. */
    static final int MAX_ORIGINS = 1000;
    /** RFC 9449 §8.1: {@code nonce = 1*NQCHAR}; bounded here, as no server needs kilobytes. */
    private static final Pattern NONCE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,512}");

    private final Map<String, String> byOrigin = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_ORIGINS;
        }
    };

    /** The nonce to put into the next proof to {@code uri}'s server, or {@code null}. */
    public synchronized String nonceFor(URI uri) {
        return byOrigin.get(origin(uri));
    }

    /**
     * Remembers the nonce {@code uri}'s server sent.
     *
     * @return whether it was a nonce (a value of another syntax is ignored)
     */
    public boolean remember(URI uri, String nonce) {
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            return false;
        }
        String origin = origin(uri);
        synchronized (this) {
            byOrigin.put(origin, nonce);
        }
        return true;
    }

    /** Scheme, host and port, in lower case, the default port spelled out: the origin of RFC 6454. */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }
}
