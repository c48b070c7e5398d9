package org.lastmile.camel.vendorauth.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class UnknownVendorAuthPropertiesTest {

    private static final String SECRET = "s3cr3t-value";

    @Test
    void aMisspeltPropertyIsRefusedWithTheOneMeantAndNoValue() {
        StandardEnvironment environment = environment(Map.of(
                "camel.component.vendorauth.client-secrt", SECRET,
                "camel.component.vendorauth.refresh-margin", "120000"));

        assertThatThrownBy(() -> UnknownVendorAuthProperties.refuse(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("camel.component.vendorauth.client-secrt (did you mean"
                        + " camel.component.vendorauth.client-secret?)")
                .hasMessageNotContaining(SECRET).hasMessageNotContaining("refresh-margin");
    }

    @Test
    void knownPropertiesInEveryRelaxedFormPass() {
        StandardEnvironment environment = environment(Map.of(
                "camel.component.vendorauth.clientSecret", SECRET,
                "camel.component.vendorauth.refresh_margin", "120000",
                "camel.component.vendorauth.additional-parameters.audience", "orders",
                "camel.component.vendorauth.customizer.enabled", "true",
                "camel.component.vendorauth.enabled", "true",
                "camel.component.other.whatever", "1"));

        assertThatCode(() -> UnknownVendorAuthProperties.refuse(environment)).doesNotThrowAnyException();
    }

    @Test
    void aNameLikeNoPropertyIsNamedWithoutAGuess() {
        assertThat(UnknownVendorAuthProperties.message(java.util.Set.of("zzzzzzzzzz"), java.util.Set.of("client-id")))
                .contains("camel.component.vendorauth.zzzzzzzzzz:").doesNotContain("did you mean");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
