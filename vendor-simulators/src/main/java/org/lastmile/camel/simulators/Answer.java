package org.lastmile.camel.simulators;

/**
 * What a simulator answers: a status and a JSON body.
 *
 * @param status the HTTP status
 * @param json   the body, sent as {@code application/json}
 */
public record Answer(int status, String json) {

    /** 200 with {@code json}. */
    public static Answer ok(String json) {
        return new Answer(200, json);
    }
}
