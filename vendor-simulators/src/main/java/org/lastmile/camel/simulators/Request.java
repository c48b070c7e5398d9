package org.lastmile.camel.simulators;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One request as a vendor reads it: its path, headers and body, and the body's fields read strictly (a form or a flat
 * JSON object of strings; anything else has no fields).
 *
 * @param method  the HTTP method
 * @param path    the path, without query
 * @param headers the headers, names in lower case, each with every value sent
 * @param body    the raw body
 */
public record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The header's only value; {@code null} when absent, and when sent more than once (no vendor takes two). */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    /** Whether the header was sent at all. */
    public boolean has(String name) {
        return headers.containsKey(name.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The form fields; {@code null} unless the body is {@code application/x-www-form-urlencoded}, well formed and names no
     * field twice.
     */
    public Map<String, String> form() {
        String type = header("Content-Type");
        if (type == null || !type.split(";")[0].trim().equalsIgnoreCase("application/x-www-form-urlencoded")) {
            return null;
        }
        Map<String, String> form = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return form;
        }
        for (String pair : text.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            if (form.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                return null;
            }
        }
        return Collections.unmodifiableMap(form);
    }

    /** The fields of a JSON object body whose every value is a string; {@code null} for any other body. */
    public Map<String, String> json() {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                return null;
            }
            fields.put(field.getKey(), field.getValue().textValue());
        }
        return Collections.unmodifiableMap(fields);
    }

    /** The {@code grant_type} the request names, in a form or a JSON body; {@code "none"} where it names none. */
    public String grantType() {
        Map<String, String> fields = form();
        if (fields == null) {
            fields = json();
        }
        String grant = fields == null ? null : fields.get("grant_type");
        return grant == null ? "none" : grant;
    }
}
