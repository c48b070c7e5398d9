package org.lastmile.camel.vendorauth.springboot;

import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.spi.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Configures the vendorauth component from {@code camel.component.vendorauth.*}, the way camel-spring-boot configures its
 * own components: a {@link ComponentCustomizer} copies the properties onto the component when Camel creates it. Beyond
 * the properties, a {@link TokenStore} bean is used as the store and a {@link HazelcastInstance} bean (such as the one
 * Spring Boot's Hazelcast auto-configuration creates) as the cluster, unless the properties name others; a single bean is
 * required, so that an application holding several must say which one.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, VendorAuthComponentConfiguration.class })
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.vendorauth" })
public class VendorAuthComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final CamelContext camelContext;
    private final VendorAuthComponentConfiguration configuration;
    private final ObjectProvider<TokenStore> tokenStores;
    private final ObjectProvider<HazelcastInstance> hazelcastInstances;

    public VendorAuthComponentAutoConfiguration(ApplicationContext applicationContext, CamelContext camelContext,
                                                VendorAuthComponentConfiguration configuration,
                                                ObjectProvider<TokenStore> tokenStores,
                                                ObjectProvider<HazelcastInstance> hazelcastInstances) {
        // at start-up: a misspelt optional property would otherwise keep its default without a word
        UnknownVendorAuthProperties.refuse(applicationContext.getEnvironment());
        this.applicationContext = applicationContext;
        this.camelContext = camelContext;
        this.configuration = configuration;
        this.tokenStores = tokenStores;
        this.hazelcastInstances = hazelcastInstances;
    }

    /** Reads {@code #bean:name} and {@code #class:type} values of the properties whose type is not a plain value. */
    @Bean
    public static VendorAuthComponentConverter vendorAuthComponentConverter(ApplicationContext applicationContext) {
        return new VendorAuthComponentConverter(applicationContext);
    }

    /** Lists the credentials named in Spring Boot's properties to Camel, which finds this source in its registry. */
    @Bean
    public static NamedCredentialsPropertiesSource vendorAuthNamedCredentials(ConfigurableEnvironment environment) {
        return new NamedCredentialsPropertiesSource(environment);
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureVendorAuthComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                VendorAuthComponent component = (VendorAuthComponent) target;
                CamelPropertiesHelper.copyProperties(camelContext, configuration, component);
                if (component.getTokenStore() == null) {
                    component.setTokenStore(tokenStores.getIfUnique());
                }
                if (component.getTokenStore() == null && component.getHazelcastInstance() == null
                        && component.getHazelcastConfigUri() == null) {
                    component.setHazelcastInstance(hazelcastInstances.getIfUnique());
                }
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        "camel.component.vendorauth.customizer") && target instanceof VendorAuthComponent;
            }
        };
    }
}
