package org.lastmile.camel.vendorauth.internal.profile;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Resolves the {@code clientAssertion*} options into a {@link ClientAssertion}, checked at start-up: a key that cannot be
 * read, or an algorithm that does not fit it, fails naming the option. The key's text is never quoted.
 */
final class ClientAssertionResolver {

    /** The lifetime of a client assertion when the option is not set: the catalog's default. */
    private static final long DEFAULT_LIFETIME_MILLIS = 60_000;

    private ClientAssertionResolver() {
    }

    /**
     * @param auth      {@code private_key_jwt} or {@code client_secret_jwt}
     * @param options   the endpoint's options
     * @param tokenUrl  the default audience
     * @param resources reads the resource {@code clientAssertionKey} names
     */
    static ClientAssertion resolve(ClientAuthentication auth, CredentialOptions options, URI tokenUrl,
                                   ResourceReader resources) {
        String audience = CredentialResolver.first(options.text("clientAssertionAudience"), tokenUrl.toString());
        long lifetimeMillis = options.millis("clientAssertionLifetime", DEFAULT_LIFETIME_MILLIS);
        if (lifetimeMillis <= 0) {
            throw new IllegalArgumentException("Option clientAssertionLifetime must be greater than 0, not "
                    + lifetimeMillis);
        }
        Duration lifetime = Duration.ofMillis(lifetimeMillis);
        AssertionAlgorithm configured = options.text("clientAssertionAlgorithm") == null ? null
                : AssertionAlgorithm.fromOption(options.text("clientAssertionAlgorithm"));
        if (auth == ClientAuthentication.CLIENT_SECRET_JWT) {
            if (configured != null && configured != AssertionAlgorithm.HS256) {
                throw new IllegalArgumentException("Option clientAssertionAlgorithm: client_secret_jwt signs with HS256,"
                        + " not " + configured);
            }
            if (options.text("clientSecret").getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new IllegalArgumentException("Option clientSecret must be at least 32 bytes for client_secret_jwt:"
                        + " HS256 needs a 256-bit key (RFC 7518 section 3.2)");
            }
            return new ClientAssertion(AssertionAlgorithm.HS256, null, options.text("clientAssertionKeyId"), audience,
                    lifetime);
        }
        CredentialResolver.required("clientAssertionKey", options.text("clientAssertionKey"),
                "for clientAuthentication private_key_jwt");
        SigningKey key = SigningKeyReader.read("clientAssertionKey", options.text("clientAssertionKey"), resources);
        AssertionAlgorithm algorithm = configured != null ? configured : AssertionAlgorithm.defaultFor(key.privateKey());
        String misfit = algorithm.misfit(key.privateKey());
        if (misfit != null) {
            throw new IllegalArgumentException("Option " + (configured != null ? "clientAssertionAlgorithm"
                    : "clientAssertionKey") + ": " + misfit);
        }
        return new ClientAssertion(algorithm, key.privateKey(),
                CredentialResolver.first(options.text("clientAssertionKeyId"), key.keyId()), audience, lifetime);
    }
}
