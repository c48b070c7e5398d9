package org.lastmile.camel.vendorauth.internal.oauth;

import java.time.Clock;
import java.util.function.Consumer;

import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.CredentialName;
import org.lastmile.camel.vendorauth.spi.AccessToken;
import org.lastmile.camel.vendorauth.spi.DpopKey;
import org.lastmile.camel.vendorauth.spi.TokenEndpointException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which grant asks for the next token: the refresh token when one is at hand and, as far as is known, still valid; the
 * credential's primary grant when there is none or the vendor refuses it ({@code invalid_grant}, 400, 401). A refresh
 * answer without a refresh token keeps the old one (RFC 6749 §6); a refused one is reported, so that it is not offered
 * again.
 */
public final class GrantStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(GrantStrategy.class);

    /** Told of each request before it goes out, so that the caller can count them. */
    public interface Attempts {

        /** A request with a refresh token. */
        void refreshing();

        /** A request with the primary grant. */
        void requesting();

    }

    private final TokenClient client;
    private final Clock clock;

    /**
     * @param client how the vendor is asked
     * @param clock  the time source, to tell whether a refresh token is still valid
     */
    public GrantStrategy(TokenClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * One fetch.
     *
     * @param credential whose token
     * @param current    the token held now (its refresh token may be used), or {@code null}
     * @param attempts   told of each request
     * @param refused    told of a refresh token the vendor refused, which is not to be offered again
     * @return the new token
     * @throws TokenEndpointException when the vendor gives no usable token
     */
    public AccessToken fetch(Credential credential, AccessToken current, Attempts attempts, Consumer<String> refused) {
        // DPoP: made here, by whoever won the credential's flight, so that the cluster makes one key; a renewal keeps it
        DpopKey dpopKey = credential.dpop() == null ? null
                : credential.dpop().keyFor(current == null ? null : current.dpopKey());
        if (current != null && credential.refresh().enabled() && current.hasUsableRefreshToken(clock.instant())) {
            try {
                attempts.refreshing();
                return credential.grant().bounded(client.refreshToken(credential, current, dpopKey));
            } catch (TokenEndpointException e) {
                if (!e.isGrantRejected()) {
                    throw e;
                }
                refused.accept(current.refreshToken());
                LOG.info("The refresh token of {} was refused ({}); asking with grant {} instead",
                        CredentialName.of(credential, credential.key()), e.getMessage(), credential.grant().wireName());
            }
        }
        attempts.requesting();
        return credential.grant().bounded(client.requestToken(credential, dpopKey));
    }
}
