package org.lastmile.camel.simulators;

import java.time.Instant;

/**
 * A token a simulator issued.
 *
 * @param value     the access token as sent
 * @param grant     the grant type of the request that got it
 * @param audience  the audience it was issued for, or {@code null} where the vendor has none
 * @param expiresAt when the vendor stops accepting it
 */
public record IssuedToken(String value, String grant, String audience, Instant expiresAt) {

    /** Its {@code Authorization} header. */
    public String bearer() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "IssuedToken[grant=" + grant + ", audience=" + audience + ", expiresAt=" + expiresAt + "]";
    }
}
