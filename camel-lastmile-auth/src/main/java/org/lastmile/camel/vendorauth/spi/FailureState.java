package org.lastmile.camel.vendorauth.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * How a credential's token endpoint has been failing, as shared by every party that uses one store: the last failure
 * in the vendor's own words (secrets already masked), how many fetches in a row failed, and until when callers without a
 * usable token are failed fast instead of asking again.
 *
 * @param lastFailure the last failure, with the vendor's status, code and message
 * @param failures    consecutive failed fetches, at least 1
 * @param retryAt     until when the vendor is left alone; in the past when a new attempt may go at once
 */
public record FailureState(TokenEndpointException lastFailure, int failures, Instant retryAt) {

    public FailureState {
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(retryAt, "retryAt");
        if (failures < 1) {
            throw new IllegalArgumentException("A failure state counts at least one failure");
        }
    }
}
