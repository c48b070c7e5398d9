package org.lastmile.camel.vendorauth.internal.policy;

import org.lastmile.camel.vendorauth.spi.AccessToken;

/**
 * This JVM's copy of a token, with what the hot path needs computed once: the header value and the two moments of
 * {@link RefreshTiming}. {@link #toString()} shows no token text.
 *
 * @param token         the token
 * @param authorization the {@code Authorization} header value: always {@code Bearer}, whatever case the vendor wrote, or
 *                      {@code DPoP} for a token bound to a key
 * @param refreshAt     epoch millisecond from which a background refresh is due
 * @param usableUntil   epoch millisecond from which the token is not sent
 * @param bound         whether the token is bound to a DPoP key: read here, the hot path does not reach the token itself
 */
public record LocalToken(AccessToken token, String authorization, long refreshAt, long usableUntil, boolean bound) {

    /** A token that cannot be bettered ({@code renewable} false: it ends where its grant bounds it) is not refreshed ahead. */
    static LocalToken of(AccessToken token, RefreshTiming timing, boolean renewable) {
        boolean bound = token.dpopKey() != null;
        return new LocalToken(token, (bound ? "DPoP " : "Bearer ") + token.value(),
                renewable ? timing.refreshAt(token) : Long.MAX_VALUE, timing.usableUntil(token), bound);
    }

    @Override
    public String toString() {
        return "LocalToken[" + token + "]";
    }
}
