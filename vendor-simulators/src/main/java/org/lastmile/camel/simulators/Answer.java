package org.lastmile.camel.simulators;

import java.util.Map;

/**
 * What a simulator answers: a status, a JSON body and any headers of its own.
 *
 * @param status  the HTTP status
 * @param json    the body, sent as {@code application/json}
 * @param headers further headers, such as a {@code WWW-Authenticate} challenge; empty for most answers
 */
public record Answer(int status, String json, Map<String, String> headers) {

    public Answer {
        headers = Map.copyOf(headers);
    }

    /** An answer with no headers of its own. */
    public Answer(int status, String json) {
        this(status, json, Map.of());
    }

    /** 200 with {@code json}. */
    public static Answer ok(String json) {
        return new Answer(200, json);
    }
}
