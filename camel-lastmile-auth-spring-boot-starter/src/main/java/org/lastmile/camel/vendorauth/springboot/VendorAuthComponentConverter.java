package org.lastmile.camel.vendorauth.springboot;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.util.ClassUtils;

/**
 * Turns a property value into the object an option of the vendorauth component takes, as Camel writes references:
 * {@code #bean:name} (or {@code #name}) is a bean of the application context, {@code #class:type} a new instance of that
 * type, created and wired by Spring. Anything else is left to Spring's other converters.
 */
@ConfigurationPropertiesBinding
public class VendorAuthComponentConverter implements GenericConverter {

    /** The types of the options that take an object, as the generated properties class declares them. */
    private static final Set<Class<?>> TARGETS = Arrays.stream(VendorAuthComponentConfiguration.class.getDeclaredFields())
            .map(Field::getType).filter(type -> !type.isPrimitive() && !type.getName().startsWith("java."))
            .collect(Collectors.toUnmodifiableSet());

    private final ApplicationContext applicationContext;

    public VendorAuthComponentConverter(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return TARGETS.stream().map(type -> new ConvertiblePair(String.class, type)).collect(Collectors.toSet());
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null || !TARGETS.contains(targetType.getType())) {
            return null;
        }
        String reference = source.toString().trim();
        Class<?> type = targetType.getType();
        if (reference.startsWith("#class:")) {
            String className = reference.substring("#class:".length()).trim();
            Class<?> implementation = ClassUtils.resolveClassName(className, applicationContext.getClassLoader());
            if (!type.isAssignableFrom(implementation)) {
                throw new IllegalArgumentException(className + " is not a " + type.getName());
            }
            return applicationContext.getAutowireCapableBeanFactory().createBean(implementation);
        }
        if (reference.startsWith("#bean:")) {
            return applicationContext.getBean(reference.substring("#bean:".length()).trim(), type);
        }
        if (reference.startsWith("#")) {
            return applicationContext.getBean(reference.substring(1).trim(), type);
        }
        throw new IllegalArgumentException("Expected #bean:name or #class:type for a " + type.getSimpleName()
                + " option, not a plain value");
    }
}
