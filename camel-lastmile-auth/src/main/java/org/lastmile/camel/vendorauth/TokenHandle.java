package org.lastmile.camel.vendorauth;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import org.lastmile.camel.vendorauth.internal.policy.TokenSource;
import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.Grant;

/**
 * One credential as an endpoint serves it, and what an exchange carries (property {@link VendorAuthRetry#TOKEN_SOURCE})
 * to tell which token source its token came from: the 401 retry and {@code invalidate} follow the handle, not "the
 * endpoint's credential". Holds no secret in sight: its credential masks its own.
 */
final class TokenHandle {

    private final VendorAuthComponent component;
    private final Credential credential;
    /** The credential's, read on the hot path: kept here so that an exchange does not reach into the credential. */
    private final String apiBaseUrl;
    private final String name;
    /** For a credential on behalf of callers, as configured (no subject): its callers' handles; else {@code null}. */
    private final SubjectHandles subjects;
    /** For one caller's credential: the callers it is one of; else {@code null}. */
    private final SubjectHandles onBehalfOf;
    /** The token for which the provider was last asked again before a renewal: once per token. */
    private final AtomicReference<Object> recheckedFor = new AtomicReference<>();
    /** The last token this handle put on an exchange, for named credentials: tells a renewal from a first fetch. */
    private volatile Object served;
    /** Read on the hot path; replaced on the slow path when the manager dropped it for idleness. */
    private volatile TokenSource source;

    /**
     * @param name the credential's name when an exchange chose it by name, {@code null} for an endpoint's own
     */
    TokenHandle(VendorAuthComponent component, Credential credential, String name) {
        this(component, credential, name, null);
    }

    /**
     * @param onBehalfOf for one caller's credential, the callers it is one of (it then has no health check and no meters
     *                   of its own: a series per caller would grow with the users); else {@code null}
     */
    TokenHandle(VendorAuthComponent component, Credential credential, String name, SubjectHandles onBehalfOf) {
        this.component = component;
        this.credential = credential;
        this.apiBaseUrl = credential.apiBaseUrl();
        this.name = name;
        this.onBehalfOf = onBehalfOf;
        this.subjects = credential.grant() instanceof Grant.OnBehalf onBehalf && onBehalf.subject() == null
                ? new SubjectHandles(component, credential, component.getMaxCredentials()) : null;
    }

    /**
     * Takes the manager's source of the credential: the source, its health check and meters are in place after. A
     * credential on behalf of callers, as configured, has none: each caller's has its own.
     */
    TokenHandle start() {
        if (subjects == null) {
            source = take();
        }
        return this;
    }

    private TokenSource take() {
        return onBehalfOf != null ? component.callerSource(credential, onBehalfOf.configured()) : component.source(credential, name);
    }

    /** The callers' handles of a credential on behalf of callers, as configured; {@code null} for any other. */
    SubjectHandles subjects() {
        return subjects;
    }

    /** For one caller's credential, the callers it is one of; else {@code null}. */
    SubjectHandles onBehalfOf() {
        return onBehalfOf;
    }

    /** Whether the manager dropped this handle's source for idleness. */
    boolean retired() {
        TokenSource current = source;
        return current != null && current.retired();
    }

    /** The credential's name when an exchange chose it by name, {@code null} for an endpoint's own. */
    String name() {
        return name;
    }

    /** Notes the token put on an exchange. */
    void served(Object token) {
        if (served != token) {
            served = token;
        }
    }

    /** The last token this handle put on an exchange, or {@code null}. */
    Object served() {
        return served;
    }

    /** Whether this is the first call for that token: the provider is asked again once per renewal. */
    boolean firstRecheckFor(Object token) {
        Object last = recheckedFor.get();
        return last != token && recheckedFor.compareAndSet(last, token);
    }

    /** The credential. */
    Credential credential() {
        return credential;
    }

    /** The base URL of the vendor's API that the credential's profile knows, or {@code null}. */
    String apiBaseUrl() {
        return apiBaseUrl;
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
            current = take();
            source = current;
        }
        return current;
    }

    /** What signs this handle's DPoP-bound tokens onto API calls. */
    DpopRequests dpopRequests() {
        return component.dpopRequests();
    }

    /** Where exchanges that waited for this handle's token resume their route. */
    Executor resumeExecutor() {
        return component.resumeExecutor();
    }

    @Override
    public String toString() {
        TokenSource current = source;
        return "TokenHandle[" + (name == null ? "" : name + ": ") + (current == null ? credential.profile()
                : current.name()) + "]";
    }
}
