package org.lastmile.camel.vendorauth.internal.oauth;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lastmile.camel.vendorauth.internal.profile.Credential;

/**
 * One token request while it is written: the {@link RequestDecorator}s add headers, body parameters and the strings a
 * vendor's answer must not repeat; {@link TokenClient} then sends it. Lives for one request, on one thread.
 */
public final class TokenRequest {

    private final Credential credential;
    private final URI url;
    private final Instant now;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> body = new LinkedHashMap<>();
    private final List<String> secrets = new ArrayList<>();

    /**
     * @param credential whose request
     * @param url        where it goes
     * @param now        when it is written: the instant assertions and proofs are issued at
     */
    TokenRequest(Credential credential, URI url, Instant now) {
        this.credential = credential;
        this.url = url;
        this.now = now;
    }

    /** Whose request. */
    public Credential credential() {
        return credential;
    }

    /** Where it goes. */
    public URI url() {
        return url;
    }

    /** When it is written. */
    public Instant now() {
        return now;
    }

    /** Sets a header. */
    public void header(String name, String value) {
        headers.put(name, value);
    }

    /** Sets a body parameter; a {@code null} value is left out. */
    public void parameter(String name, String value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    /** Adds a string that an answer must not repeat (an assertion, a proof made for this request). */
    public void secret(String value) {
        if (value != null && !value.isEmpty()) {
            secrets.add(value);
        }
    }

    /** The headers, in the order set. */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** The body parameters, in the order set. */
    public Map<String, String> body() {
        return Collections.unmodifiableMap(body);
    }

    /** What an answer must not repeat. */
    public List<String> secrets() {
        return Collections.unmodifiableList(secrets);
    }

    /** The body parameters, for the writers of the request. */
    Map<String, String> writableBody() {
        return body;
    }
}
