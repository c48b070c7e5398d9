package org.lastmile.camel.vendorauth;

import java.util.concurrent.Executor;

import org.lastmile.camel.vendorauth.internal.policy.TokenSource;
import org.lastmile.camel.vendorauth.internal.profile.Credential;

/**
 * One credential as an endpoint serves it, and what an exchange carries (property {@link VendorAuthRetry#TOKEN_SOURCE})
 * to tell which token source its token came from: the 401 retry and {@code invalidate} follow the handle, not "the
 * endpoint's credential". Holds no secret in sight: its credential masks its own.
 */
final class TokenHandle {

    private final VendorAuthComponent component;
    private final Credential credential;
    /** Read on the hot path; replaced on the slow path when the manager dropped it for idleness. */
    private volatile TokenSource source;

    TokenHandle(VendorAuthComponent component, Credential credential) {
        this.component = component;
        this.credential = credential;
    }

    /** Takes the manager's source of the credential: the source, its health check and meters are in place after. */
    TokenHandle start() {
        source = component.source(credential);
        return this;
    }

    /** The credential. */
    Credential credential() {
        return credential;
    }

    /** The source as last taken, or {@code null} before {@link #start()}: for the hot path and statistics. */
    TokenSource source() {
        return source;
    }

    /**
     * The source in use for the credential: the manager drops the source of a credential left idle, and a handle used
     * again takes the manager's new one. For the slow path only.
     */
    TokenSource live() {
        TokenSource current = source;
        if (current != null && current.retired()) {
            current = component.source(credential);
            source = current;
        }
        return current;
    }

    /** Where exchanges that waited for this handle's token resume their route. */
    Executor resumeExecutor() {
        return component.resumeExecutor();
    }

    @Override
    public String toString() {
        TokenSource current = source;
        return "TokenHandle[" + (current == null ? credential.profile() : current.name()) + "]";
    }
}
