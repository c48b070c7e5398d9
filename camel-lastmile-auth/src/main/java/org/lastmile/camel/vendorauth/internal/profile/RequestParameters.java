package org.lastmile.camel.vendorauth.internal.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The further parameters of a credential's primary request (audience, scope, tenant, {@code param.<x>}), in order.
 *
 * @param values      the parameters
 * @param secretNames the names of parameters whose values are secret: key material, masked, never part of the id
 */
public record RequestParameters(Map<String, String> values, Set<String> secretNames) {

    /** No parameters. */
    public static final RequestParameters NONE = new RequestParameters(Map.of(), Set.of());

    public RequestParameters {
        // most credentials have none: the shared empty map, not an empty copy per tenant
        values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        secretNames = Set.copyOf(secretNames);
    }

    /** Parameters none of which is secret. */
    public static RequestParameters of(Map<String, String> values) {
        return new RequestParameters(values, Set.of());
    }

    @Override
    public String toString() {
        return "RequestParameters" + values.keySet();
    }
}
