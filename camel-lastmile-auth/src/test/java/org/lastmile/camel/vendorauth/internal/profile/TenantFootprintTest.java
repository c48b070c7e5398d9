package org.lastmile.camel.vendorauth.internal.profile;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tenant in use holds a credential: what most credentials have alike is held once, not once per tenant (see the
 * heap per tenant in BENCHMARKS.md).
 */
class TenantFootprintTest {

    @Test
    void aRefreshUrlThatIsTheTokenUrlIsTheSameUri() {
        TokenEndpoint same = new TokenEndpoint(URI.create("https://auth.acme.test/token"),
                URI.create("https://auth.acme.test/token"), BodyFormat.FORM, TokenTransport.JVM_DEFAULTS);
        TokenEndpoint apart = new TokenEndpoint(URI.create("https://auth.acme.test/token"),
                URI.create("https://auth.acme.test/refresh"), BodyFormat.FORM, TokenTransport.JVM_DEFAULTS);

        assertThat(same.refreshUrl()).isSameAs(same.tokenUrl());
        assertThat(apart.refreshUrl()).hasPath("/refresh");
    }

    @Test
    void noParametersIsTheSharedEmptyMapAndParametersKeepTheirOrder() {
        RequestParameters none = new RequestParameters(new LinkedHashMap<>(), Set.of());
        Map<String, String> given = new LinkedHashMap<>();
        given.put("scope", "orders");
        given.put("audience", "api");
        RequestParameters some = RequestParameters.of(given);

        assertThat(none.values()).isSameAs(Map.of());
        assertThat(some.values()).containsExactly(Map.entry("scope", "orders"), Map.entry("audience", "api"));
    }
}
