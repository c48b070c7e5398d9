package org.lastmile.camel.vendorauth.internal.profile;

import java.io.IOException;

/** Reads the text of a resource URI ({@code file:}, {@code classpath:}, ...): the Camel face lends its resource loading. */
@FunctionalInterface
public interface ResourceReader {

    /** The resource's text, UTF-8. */
    String read(String uri) throws IOException;
}
