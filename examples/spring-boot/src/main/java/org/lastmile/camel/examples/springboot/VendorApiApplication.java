package org.lastmile.camel.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that calls a vendor's API with a bearer token. The starter configures the vendorauth component
 * from {@code application.properties}; Spring Boot starts the Hazelcast member the tokens are shared through, from
 * {@code hazelcast.yaml}; the actuator shows the token endpoint's health and the token meters.
 */
@SpringBootApplication
public class VendorApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(VendorApiApplication.class, args);
    }
}
