package org.lastmile.camel.vendorauth.spi;

import java.time.Duration;

/**
 * The token endpoint did not give a usable token: it answered an error, answered something that is not a token, or did
 * not answer at all. The message carries the vendor's own words and never a secret or a token.
 */
public class TokenEndpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status; {@link #NO_RESPONSE} when no answer came. */
    private final String profile;
    private final int status;
    private final String error;
    private final String vendorMessage;
    private final transient Duration retryAfter;

    /** Status used when the endpoint gave no HTTP answer (refused, reset, timed out). */
    public static final int NO_RESPONSE = 0;

    /**
     * @param profile       the profile, for the message
     * @param status        the HTTP status, or {@link #NO_RESPONSE}
     * @param error         the vendor's error code ({@code error} of RFC 6749, or a {@code code}), or {@code null}
     * @param vendorMessage the vendor's explanation, already free of secrets, or {@code null}
     * @param retryAfter    the wait the vendor asked for ({@code Retry-After}), or {@code null}
     * @param cause         the underlying failure, or {@code null}
     */
    public TokenEndpointException(String profile, int status, String error, String vendorMessage, Duration retryAfter,
                                  Throwable cause) {
        super(describe(profile, status, error, vendorMessage), cause);
        this.profile = profile;
        this.status = status;
        this.error = error;
        this.vendorMessage = vendorMessage;
        this.retryAfter = retryAfter;
    }

    private static String describe(String profile, int status, String error, String vendorMessage) {
        StringBuilder text = new StringBuilder("Token endpoint of profile '").append(profile).append("' ");
        text.append(status == NO_RESPONSE ? "gave no answer" : "answered HTTP " + status);
        if (error != null || vendorMessage != null) {
            text.append(": ");
            if (error != null) {
                text.append(error);
            }
            if (vendorMessage != null) {
                text.append(error != null ? " - " : "").append(vendorMessage);
            }
        }
        return text.toString();
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int getStatus() {
        return status;
    }

    /** The vendor's error code, or {@code null}. */
    public String getError() {
        return error;
    }

    /** The vendor's explanation, or {@code null}. */
    public String getVendorMessage() {
        return vendorMessage;
    }

    /** The wait the vendor asked for, or {@code null}. */
    public Duration getRetryAfter() {
        return retryAfter;
    }

    /**
     * This failure as told to a caller that arrives while the vendor is left alone: same status, code and words, plus that
     * the vendor was not asked, for how much longer, and after how many failures.
     */
    public TokenEndpointException whileBackingOff(Duration remaining, int failures) {
        String note = "failing fast: the vendor was not asked again, and "
                + (remaining.toMillis() <= 0 ? "will be asked again at once" : "will not be for " + remaining.toMillis() + " ms more")
                + ", after " + failures + " failure" + (failures == 1 ? "" : "s") + " in a row";
        return new TokenEndpointException(profile, status, error,
                vendorMessage == null ? note : vendorMessage + " (" + note + ")", retryAfter, this);
    }

    /**
     * Whether the vendor refused the grant itself ({@code invalid_grant}, or 400/401): for a refresh, the signal to fall
     * back to the primary grant rather than to retry the same request.
     */
    public boolean isGrantRejected() {
        return "invalid_grant".equals(error) || status == 400 || status == 401;
    }

    /**
     * Whether the vendor refused the credential itself: 400 or 401 with {@code invalid_client}, {@code invalid_grant} or
     * {@code unauthorized_client}, what a rotated secret or password brings. A failure remembered while failing fast
     * keeps the vendor's status and code, so it tells the same.
     */
    public boolean isCredentialRefused() {
        return (status == 400 || status == 401) && ("invalid_client".equals(error) || "invalid_grant".equals(error)
                || "unauthorized_client".equals(error));
    }
}
