package org.lastmile.camel.vendorauth;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.lastmile.camel.vendorauth.internal.profile.Credential;
import org.lastmile.camel.vendorauth.internal.profile.Grant;
import org.lastmile.camel.vendorauth.internal.profile.SubjectToken;

/**
 * The callers of one on-behalf credential (grant token exchange or JWT bearer): one {@link TokenHandle} per subject token,
 * each a credential of its own, keyed and sealed with the subject, so that its result is fetched once for the whole
 * cluster and readable only by members that saw the same subject token.
 *
 * <p>
 * The lookup is the hot path: a map read by the token's text ({@link SubjectKey}: a hash of a few characters, then one
 * comparison of the text), never the credential's key derivation, which runs once per subject per JVM. Memory follows
 * the callers in use: a subject leaves when it expires or when the manager drops its
 * source for idleness, and at most {@code maxCredentials} are held (the manager refuses more in any case).
 */
final class SubjectHandles {

    /** A subject with less left than this is treated as expired: a result would be of no use to the API call. */
    static final long EXPIRY_MARGIN_MILLIS = 1000;
    /** How often, at most, the handles are pruned of expired and idle subjects, on the path of a new subject. */
    private static final long PRUNE_EVERY_MILLIS = 1000;

    private final VendorAuthComponent component;
    private final Credential configured;
    private final Grant.OnBehalf grant;
    private final int cap;
    /** By the subject token's text, as the subject header carries it. */
    private final Map<SubjectKey, Entry> byToken = new ConcurrentHashMap<>();
    /** By the incoming Authorization header's whole value: no substring copied per exchange to find a known caller. */
    private final Map<SubjectKey, Entry> byAuthorization = new ConcurrentHashMap<>();
    private volatile long prunedAt;

    /** A caller's handle and the epoch millisecond from which its subject counts as expired. */
    private record Entry(TokenHandle handle, long expiredFrom) {
    }

    /**
     * @param configured the credential the endpoint (or a name) is configured with, without subject
     * @param cap        how many subjects are held at most
     */
    SubjectHandles(VendorAuthComponent component, Credential configured, int cap) {
        this.component = component;
        this.configured = configured;
        this.grant = (Grant.OnBehalf) configured.grant();
        this.cap = cap;
    }

    /**
     * The handle of the caller whose token this is, made on first use.
     *
     * @param text          the subject token, or the incoming {@code Authorization} header's value
     * @param authorization whether {@code text} is an {@code Authorization} header ({@code Bearer <token>})
     * @return the caller's handle, or {@code null} when an {@code Authorization} header carries no Bearer token
     * @throws IllegalArgumentException when the subject token has expired or is unfit (the message holds no token)
     */
    TokenHandle handle(String text, boolean authorization) {
        Map<SubjectKey, Entry> handles = authorization ? byAuthorization : byToken;
        SubjectKey key = new SubjectKey(text);
        Entry known = handles.get(key);
        long now = System.currentTimeMillis();
        if (known != null) {
            if (now < known.expiredFrom()) {
                return known.handle();
            }
            handles.remove(key, known);
            throw expired();
        }
        SubjectToken subject = authorization ? SubjectToken.ofBearer(text) : SubjectToken.of(text);
        if (subject == null) {
            return null;
        }
        if (subject.expiredBy(now, EXPIRY_MARGIN_MILLIS)) {
            throw expired();
        }
        prune(now);
        Credential credential = configured.withGrant(grant.withSubject(subject));
        long expiredFrom = subject.expiresAt() == null ? Long.MAX_VALUE
                : subject.expiresAt().toEpochMilli() - EXPIRY_MARGIN_MILLIS;
        Entry made = new Entry(new TokenHandle(component, credential, null, this).start(), expiredFrom);
        Entry raced = handles.putIfAbsent(key, made);
        return raced != null ? raced.handle() : made.handle();
    }

    /** The credential as configured, without subject. */
    Credential configured() {
        return configured;
    }

    /** The grant, as configured. */
    Grant.OnBehalf grant() {
        return grant;
    }

    /**
     * Whether {@code handle} is a caller of this credential, as any endpoint of the same options serves it: what
     * {@code invalidate} may act on.
     */
    boolean holds(TokenHandle handle) {
        SubjectHandles of = handle.onBehalfOf();
        return of == this || of != null && of.configured.key().equals(configured.key());
    }

    /** How many subjects are held now (a caller known by both its header and its token counts twice). */
    int size() {
        return byToken.size() + byAuthorization.size();
    }

    /**
     * Drops subjects that expired or whose source the manager dropped for idleness, at most once a second; when still at
     * the cap, the oldest-iterated go, as a cache does: they cost a derivation when they come back, not a token call.
     */
    private void prune(long now) {
        if (now - prunedAt < PRUNE_EVERY_MILLIS && size() < cap) {
            return;
        }
        prunedAt = now;
        for (Map<SubjectKey, Entry> handles : List.of(byToken, byAuthorization)) {
            handles.values().removeIf(entry -> now >= entry.expiredFrom() || entry.handle().retired());
            Iterator<Entry> over = handles.values().iterator();
            while (size() >= cap && over.hasNext()) {
                over.next();
                over.remove();
            }
        }
    }

    private static IllegalArgumentException expired() {
        return new IllegalArgumentException("The subject token (header " + VendorAuthConstants.SUBJECT_TOKEN + " or the"
                + " incoming Authorization header) has expired: no token is asked for on its behalf");
    }
}
