package org.lastmile.camel.vendorauth;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The component as a plain {@link org.apache.camel.Processor}, for Java DSL routes that prefer {@code .process(...)}:
 *
 * <pre>{@code
 * from("direct:orders")
 *     .process(VendorAuthProcessor.profile("oauth2")
 *         .tokenUrl("https://auth.example.com/oauth/token")
 *         .clientId("{{orders.client-id}}").clientSecret("{{orders.client-secret}}")
 *         .build())
 *     .to("https://api.example.com/orders");
 * }</pre>
 *
 * It shares the context's {@code vendorauth} component, so its tokens are those of any {@code vendorauth:} endpoint of the
 * same credential. Option values may use property placeholders.
 */
public final class VendorAuthProcessor extends AsyncProcessorSupport implements CamelContextAware {

    private final String profile;
    private final Map<String, Object> options;
    private CamelContext camelContext;
    private VendorAuthEndpoint endpoint;
    private AsyncProducer producer;

    private VendorAuthProcessor(String profile, Map<String, Object> options) {
        this.profile = profile;
        this.options = options;
    }

    /** Starts building a processor for the named profile. */
    public static Builder profile(String profile) {
        return new Builder(profile);
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    protected void doStart() throws Exception {
        if (camelContext == null) {
            throw new IllegalStateException("VendorAuthProcessor needs a CamelContext: use it in a route");
        }
        VendorAuthComponent component = camelContext.getComponent("vendorauth", VendorAuthComponent.class);
        Map<String, Object> resolved = new LinkedHashMap<>();
        options.forEach((name, value) -> resolved.put(name,
                value instanceof String text ? camelContext.resolvePropertyPlaceholders(text) : value));
        endpoint = (VendorAuthEndpoint) component.createEndpoint("vendorauth:" + profile, resolved);
        producer = endpoint.createAsyncProducer();
        ServiceHelper.startService(endpoint, producer);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(producer, endpoint);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        return producer.process(exchange, callback);
    }

    @Override
    public String toString() {
        return "VendorAuthProcessor[" + profile + "]";
    }

    /** Collects the options of a {@link VendorAuthProcessor}; the names are those of the endpoint URI. */
    public static final class Builder {
        private final String profile;
        private final Map<String, Object> options = new LinkedHashMap<>();

        private Builder(String profile) {
            this.profile = profile;
        }

        /** Any endpoint option, by its URI name (for example {@code scope} or {@code param.tenant}). */
        public Builder option(String name, Object value) {
            options.put(name, value);
            return this;
        }

        public Builder tokenUrl(String tokenUrl) {
            return option("tokenUrl", tokenUrl);
        }

        public Builder clientId(String clientId) {
            return option("clientId", clientId);
        }

        public Builder clientSecret(String clientSecret) {
            return option("clientSecret", clientSecret);
        }

        public Builder username(String username) {
            return option("username", username);
        }

        public Builder password(String password) {
            return option("password", password);
        }

        public Builder scope(String scope) {
            return option("scope", scope);
        }

        public Builder audience(String audience) {
            return option("audience", audience);
        }

        public Builder environment(String environment) {
            return option("environment", environment);
        }

        public Builder operation(VendorAuthOperation operation) {
            return option("operation", operation);
        }

        /** The processor; its options are checked when it starts with its route. */
        public VendorAuthProcessor build() {
            return new VendorAuthProcessor(profile, new LinkedHashMap<>(options));
        }
    }
}
