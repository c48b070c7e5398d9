package org.lastmile.camel.examples.springboot;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * What the example's tests run against, all on loopback: a vendor whose URLs the application is given, and a Hazelcast
 * configuration of the test's own, which Spring Boot's Hazelcast auto-configuration starts a member from in place of
 * {@code hazelcast.yaml} (a cluster name and a port range no other build on the machine uses, no join).
 */
@TestConfiguration(proxyBeanMethods = false)
class LoopbackTestConfig {

    @Bean(destroyMethod = "close")
    LoopbackVendor loopbackVendor() {
        return new LoopbackVendor();
    }

    @Bean
    DynamicPropertyRegistrar vendorUrls(LoopbackVendor vendor) {
        return registry -> {
            registry.add("camel.component.vendorauth.token-url", vendor::tokenUrl);
            registry.add("vendor.api-url", vendor::url);
        };
    }

    @Bean
    Config hazelcastConfig() {
        Config config = new Config();
        config.setClusterName("vendorauth-boot-test-" + UUID.randomUUID());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(20000 + 10 * ThreadLocalRandom.current().nextInt(3000)).setPortCount(10);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        return config;
    }
}
