package org.lastmile.camel.vendorauth.springboot;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.lastmile.camel.vendorauth.VendorAuthOptionErrors;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Refuses a {@code camel.component.vendorauth.*} property the component does not have. Spring Boot binds what it knows
 * and drops the rest without a word, so a misspelt optional option would silently keep its default; this check names
 * the property and the one most likely meant, never its value, which may be a secret.
 */
final class UnknownVendorAuthProperties {

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("camel.component.vendorauth");

    private UnknownVendorAuthProperties() {
    }

    /** Fails with a message naming every unknown property under the prefix, if there is one. */
    static void refuse(Environment environment) {
        Set<String> known = known();
        Set<String> knownUniform = known.stream().map(name -> name.replace("-", "")).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource names) {
                names.stream().filter(PREFIX::isAncestorOf).forEach(name -> {
                    if (!knownUniform.contains(name.getElement(PREFIX.getNumberOfElements(), Form.UNIFORM))) {
                        unknown.add(name.getElement(PREFIX.getNumberOfElements(), Form.DASHED));
                    }
                });
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(message(unknown, known));
        }
    }

    static String message(Set<String> unknown, Set<String> known) {
        String named = unknown.stream().map(name -> PREFIX + "." + name + VendorAuthOptionErrors.nearest(name, known)
                .map(meant -> " (did you mean " + PREFIX + "." + meant + "?)").orElse("")).collect(Collectors.joining(", "));
        return "Unknown propert" + (unknown.size() == 1 ? "y " : "ies ") + named + ": the vendorauth component has no such"
                + " option. Values are not shown, since they may be secrets.";
    }

    /** The first element of every property the starter reads, in kebab case. */
    private static Set<String> known() {
        try {
            Set<String> known = Arrays.stream(Introspector.getBeanInfo(VendorAuthComponentConfiguration.class, Object.class)
                    .getPropertyDescriptors()).map(PropertyDescriptor::getName).map(UnknownVendorAuthProperties::kebab)
                    .collect(Collectors.toCollection(TreeSet::new));
            // customizer.enabled, read by camel-spring-boot itself as for every component
            known.add("customizer");
            return known;
        } catch (IntrospectionException e) {
            throw new IllegalStateException("Cannot list the properties of " + VendorAuthComponentConfiguration.class, e);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
