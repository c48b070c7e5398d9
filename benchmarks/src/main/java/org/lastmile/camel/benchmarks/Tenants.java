package org.lastmile.camel.benchmarks;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.lastmile.camel.vendorauth.spi.CredentialProvider;

/**
 * Tenants chosen per exchange: each is the local vendor's one client at a token URL of its own (the strict vendor knows
 * one client and no further parameter), so each is a credential with a token of its own. Counts the provider's calls.
 */
final class Tenants implements CredentialProvider {

    private final String tokenUrl;
    private final String[] names;
    private final AtomicLong calls = new AtomicLong();

    Tenants(String tokenUrl, int count) {
        this.tokenUrl = tokenUrl;
        this.names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = "tenant-" + i;
        }
    }

    @Override
    public Map<String, String> credential(String name) {
        calls.incrementAndGet();
        return Map.of("tokenUrl", tokenUrl + "?tenant=" + name);
    }

    /** The name of tenant {@code i} (modulo their number). */
    String name(long i) {
        return names[(int) (i % names.length)];
    }

    int count() {
        return names.length;
    }

    long calls() {
        return calls.get();
    }
}
