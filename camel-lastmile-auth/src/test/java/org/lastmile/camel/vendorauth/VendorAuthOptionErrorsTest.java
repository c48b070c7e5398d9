package org.lastmile.camel.vendorauth;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.lastmile.camel.vendorauth.test.LogCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Options typed wrong are named, with the nearest option suggested, and their values never shown: in a message, a cause
 * or a stack trace. A secret whose {@code +} became a space gets one warning pointing at {@code RAW(...)}.
 */
class VendorAuthOptionErrorsTest {

    private static final String SECRET = "Opt-s3cret-Value";
    private static final String BASE = "vendorauth:oauth2?tokenUrl=http://127.0.0.1:9/token&clientId=orders";

    private CamelContext camel;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        VendorAuthComponent component = new VendorAuthComponent();
        component.setTokenStore(new InMemoryTokenStore());
        camel.addComponent("vendorauth", component);
        camel.start();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    void aMisspeltSecretOptionIsNamedWithTheNearestOptionAndNoValue() {
        String failure = failureOf(BASE + "&clientSecrt=" + SECRET);

        assertThat(failure).contains("clientSecrt (did you mean clientSecret?)").doesNotContain(SECRET);
    }

    @Test
    void piecesOfASecretCutByAnUnwrappedAmpersandAreNotNamed() {
        String failure = failureOf(BASE + "&clientSecret=Opt-s3c&retValue=");

        assertThat(failure).contains("resembles no option").contains("RAW(").doesNotContain("retValue")
                .doesNotContain("Opt-s3c");
    }

    @Test
    void aValueOfTheWrongTypeIsNotShown() {
        String failure = failureOf(BASE + "&clientSecret=" + SECRET + "&operation=" + SECRET);

        assertThat(failure).contains("Option operation").doesNotContain(SECRET);
    }

    @Test
    void aDurationThatCannotBeReadNamesTheOptionAndTheAcceptedForms() {
        String failure = failureOf(BASE + "&clientAssertionLifetime=two minutes");

        assertThat(failure).contains("Option clientAssertionLifetime").contains("2m").contains("PT2M")
                .doesNotContain("two minutes");
    }

    @Test
    void aSecretWhosePlusBecameASpaceGetsOneWarningWithoutItsValue() {
        try (LogCapture logs = new LogCapture()) {
            camel.getEndpoint(BASE + "&clientSecret=Opt+s3cret");
            List<String> warnings = logs.lines().stream().filter(line -> line.contains("holds a space")).toList();
            // wrapped in RAW(...), the + is kept and there is nothing to warn of
            camel.getEndpoint(BASE + "&clientSecret=RAW(Opt+s3cret)");

            assertThat(warnings).isNotEmpty().allSatisfy(line -> assertThat(line).contains("clientSecret=RAW(...)")
                    .doesNotContain("s3cret"));
            // the capture may see one event once per logger configuration it listens on: one warning, one text
            assertThat(Set.copyOf(warnings)).hasSize(1);
            assertThat(logs.lines().stream().filter(line -> line.contains("holds a space"))).hasSameSizeAs(warnings);
        }
    }

    /**
     * What the component's own failure shows: its message and stack trace, with no cause behind it. Camel wraps it in an
     * exception of its own that repeats the URI as typed, masking only the options Camel knows to be secret (README,
     * Troubleshooting).
     */
    private String failureOf(String uri) {
        Throwable thrown = catchThrowable(() -> camel.getEndpoint(uri));
        assertThat(thrown).isInstanceOf(ResolveEndpointFailedException.class);
        Throwable own = thrown.getCause();
        assertThat(own).isInstanceOf(ResolveEndpointFailedException.class).hasNoCause();
        assertThat(((ResolveEndpointFailedException) own).getUri()).isEqualTo("vendorauth://oauth2");
        StringWriter trace = new StringWriter();
        own.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
