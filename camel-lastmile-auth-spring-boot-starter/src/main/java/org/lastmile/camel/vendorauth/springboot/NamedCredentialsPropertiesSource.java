package org.lastmile.camel.vendorauth.springboot;

import java.util.Locale;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.camel.spi.LoadablePropertiesSource;
import org.lastmile.camel.vendorauth.PropertiesCredentialProvider;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The credentials named in Spring Boot's properties ({@code camel.vendorauth.credentials.<name>.<option>}), as Camel's
 * properties component lists them, so that the component serves them as it does on camel-main. camel-spring-boot only
 * looks Spring's properties up one key at a time, which finds an option written exactly as the component asks for it;
 * this source also lists them (the component discovers the {@code param.<x>} of a credential, and whether any credential
 * is named at all, by listing) and takes them in Spring Boot's relaxed form: {@code client-secret}, as the IDE completes
 * it, is the option {@code clientSecret}. Values are read from the environment at each look-up, never kept here.
 */
public final class NamedCredentialsPropertiesSource implements LoadablePropertiesSource {

    private static final String PREFIX = PropertiesCredentialProvider.PREFIX;
    private static final String PARAM = "param.";

    private final ConfigurableEnvironment environment;

    public NamedCredentialsPropertiesSource(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public String getName() {
        return "vendorauth-named-credentials";
    }

    @Override
    public String getProperty(String name) {
        if (!name.startsWith(PREFIX)) {
            return null;
        }
        String value = environment.getProperty(name);
        return value != null ? value : environment.getProperty(springName(name));
    }

    @Override
    public Properties loadProperties() {
        return loadProperties(key -> true);
    }

    @Override
    public Properties loadProperties(Predicate<String> filter) {
        Properties found = new Properties();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String key : enumerable.getPropertyNames()) {
                    String camelName = key.startsWith(PREFIX) ? camelName(key) : null;
                    // the first source that has a key wins, as in Spring's own look-up
                    if (camelName != null && !found.containsKey(camelName) && filter.test(camelName)) {
                        String value = environment.getProperty(key);
                        if (value != null) {
                            found.setProperty(camelName, value);
                        }
                    }
                }
            }
        }
        return found;
    }

    @Override
    public void reloadProperties(String location) {
        // nothing kept: every look-up reads the environment
    }

    /** {@code ...credentials.acme.client-secret} as the component names it: {@code ...credentials.acme.clientSecret}. */
    static String camelName(String key) {
        int dot = key.indexOf('.', PREFIX.length());
        if (dot < 0) {
            return null;
        }
        String option = key.substring(dot + 1);
        // a parameter's name is the vendor's, and stays as written
        if (option.startsWith(PARAM)) {
            return key;
        }
        StringBuilder camel = new StringBuilder(key.length()).append(key, 0, dot + 1);
        for (int i = 0; i < option.length(); i++) {
            char c = option.charAt(i);
            if (c == '-' && i + 1 < option.length()) {
                camel.append(Character.toUpperCase(option.charAt(++i)));
            } else {
                camel.append(c);
            }
        }
        return camel.toString();
    }

    /** {@code ...credentials.acme.clientSecret} as Spring Boot writes it: {@code ...credentials.acme.client-secret}. */
    static String springName(String key) {
        int dot = key.indexOf('.', PREFIX.length());
        if (dot < 0 || key.startsWith(PARAM, dot + 1)) {
            return key;
        }
        return key.substring(0, dot + 1) + key.substring(dot + 1).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
