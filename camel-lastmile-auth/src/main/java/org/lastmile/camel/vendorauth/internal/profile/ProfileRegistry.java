package org.lastmile.camel.vendorauth.internal.profile;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;

/**
 * Finds profiles by name. First the files the user lists in the component's {@code profileLocations} (any Camel resource:
 * {@code classpath:}, {@code file:}, {@code http:}), then {@code META-INF/vendorauth/profiles/<name>.json} on the
 * classpath, where the built-in profiles live and where a user's jar may add its own.
 */
public final class ProfileRegistry {

    /** Where built-in and classpath-contributed profiles live. */
    public static final String CLASSPATH_FOLDER = "META-INF/vendorauth/profiles/";

    private final CamelContext camelContext;
    private final ProfileReader reader = new ProfileReader();
    private final Map<String, VendorProfile> byName = new ConcurrentHashMap<>();

    /**
     * @param camelContext resolves resources and supplies the class loader
     * @param locations    the user's profile files, each holding one profile; read now, so a bad file fails start-up
     */
    public ProfileRegistry(CamelContext camelContext, List<String> locations) {
        this.camelContext = camelContext;
        for (String location : locations) {
            VendorProfile profile = read(location);
            VendorProfile clash = byName.putIfAbsent(profile.name(), profile);
            if (clash != null) {
                throw new IllegalArgumentException(
                        "Option profileLocations: two files define the profile '" + profile.name() + "'");
            }
        }
    }

    /**
     * The profile of that name.
     *
     * @throws IllegalArgumentException when no profile has that name
     */
    public VendorProfile get(String name) {
        VendorProfile known = byName.get(name);
        if (known != null) {
            return known;
        }
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("Unknown profile '" + name + "'");
        }
        String location = "classpath:" + CLASSPATH_FOLDER + name + ".json";
        if (camelContext.getClassResolver().loadResourceAsURL(CLASSPATH_FOLDER + name + ".json") == null) {
            throw new IllegalArgumentException("Unknown profile '" + name + "': no profile file " + CLASSPATH_FOLDER + name
                    + ".json on the classpath and none in option profileLocations");
        }
        VendorProfile profile = read(location);
        if (!profile.name().equals(name)) {
            throw new IllegalArgumentException(
                    "Profile " + location + " declares the name '" + profile.name() + "', expected '" + name + "'");
        }
        return byName.computeIfAbsent(name, n -> profile);
    }

    private VendorProfile read(String location) {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(camelContext, location)) {
            return reader.read(in, location);
        } catch (IOException e) {
            throw new IllegalArgumentException("Profile " + location + " cannot be read: " + e.getMessage(), e);
        }
    }
}
