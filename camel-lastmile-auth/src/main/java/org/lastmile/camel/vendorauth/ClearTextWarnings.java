package org.lastmile.camel.vendorauth;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns, once per token endpoint, when a credential would be sent over plain http beyond this host. Allowed (a vendor
 * sandbox may offer nothing else), but the user should know that secrets and tokens travel in clear text.
 */
final class ClearTextWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(ClearTextWarnings.class);

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** Warns about the credential's token and refresh URLs, unless already warned about. */
    void check(Credential credential) {
        check(credential.tokenUrl());
        check(credential.endpoint().refreshUrl());
    }

    private void check(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        if (url.getScheme().equalsIgnoreCase("http") && !loopback && warned.add(url.getAuthority())) {
            LOG.warn("The token endpoint {}://{} is plain http: credentials and tokens would travel in clear text; use"
                    + " https", url.getScheme(), url.getAuthority());
        }
    }
}
