package org.lastmile.camel.vendorauth.internal.store.hazelcast;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.XmlClientConfigBuilder;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.XmlConfigBuilder;
import com.hazelcast.config.YamlConfigBuilder;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * Starts a Hazelcast member or client from a configuration file the user points to: XML or YAML, member
 * ({@code <hazelcast>} / {@code hazelcast:}) or client ({@code <hazelcast-client>} / {@code hazelcast-client:}), told apart
 * by the root element. With a client configuration, the component joins a cluster that already runs as it is.
 */
public final class HazelcastFromConfig {

    private static final Pattern XML_CLIENT = Pattern.compile("<\\s*hazelcast-client[\\s>]");
    private static final Pattern YAML_CLIENT = Pattern.compile("(?m)^hazelcast-client\\s*:");
    private static final Pattern YAML_MEMBER = Pattern.compile("(?m)^hazelcast\\s*:");

    private HazelcastFromConfig() {
    }

    /**
     * @param content  the file's content
     * @param location where it came from, for messages
     */
    public static HazelcastInstance start(byte[] content, String location) {
        String text = new String(content, StandardCharsets.UTF_8);
        boolean xml = text.stripLeading().startsWith("<");
        if (xml && XML_CLIENT.matcher(text).find()) {
            return HazelcastClient.newHazelcastClient(new XmlClientConfigBuilder(new ByteArrayInputStream(content)).build());
        }
        if (xml) {
            return Hazelcast.newHazelcastInstance(new XmlConfigBuilder(new ByteArrayInputStream(content)).build());
        }
        if (YAML_CLIENT.matcher(text).find()) {
            return HazelcastClient.newHazelcastClient(new YamlClientConfigBuilder(new ByteArrayInputStream(content)).build());
        }
        if (YAML_MEMBER.matcher(text).find()) {
            return Hazelcast.newHazelcastInstance(new YamlConfigBuilder(new ByteArrayInputStream(content)).build());
        }
        throw new IllegalArgumentException("Option hazelcastConfigUri: " + location
                + " is neither a Hazelcast member nor a client configuration (XML or YAML)");
    }
}
