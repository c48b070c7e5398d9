package org.lastmile.camel.vendorauth.vendors;

import java.time.Clock;

import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.simulators.Dataloy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dataloy, per its authentication page: four fields in a JSON payload, no Authorization header. */
class DataloyProfileTest extends VendorSimulatorSupport {

    private final Dataloy dataloy = serve(new Dataloy(CLIENT, Clock.systemUTC()));

    private String dataloy(String options) {
        return uri("dataloy", dataloy, options);
    }

    /** The audience of the token the header carries. */
    private String audienceOf(String authorization) {
        return dataloy.issuedFor(authorization).audience();
    }

    @Test
    void productionAudienceByDefault() {
        String first = authorization(dataloy(""));
        assertThat(audienceOf(first)).isEqualTo("https://dataloy");
        assertThat(authorization(dataloy(""))).as("reused while valid").isEqualTo(first);
        assertThat(dataloy.tokenCalls()).isEqualTo(1);
    }

    @Test
    void devEnvironmentAudienceAndTheAudienceOption() {
        assertThat(audienceOf(authorization(dataloy("&environment=dev")))).isEqualTo("https://dataloy.dev");
        assertThat(audienceOf(authorization(dataloy("&audience=https://dataloy.internal"))))
                .isEqualTo("https://dataloy.internal");
    }

    @Test
    void withoutATokenUrlTheEndpointFailsAtStartUp() {
        assertThatThrownBy(() -> context.getEndpoint("vendorauth:dataloy?clientId=a&clientSecret=b"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("Option tokenUrl is required")
                .hasMessageContaining("Dataloy hands out the token URL to each customer");
    }
}
