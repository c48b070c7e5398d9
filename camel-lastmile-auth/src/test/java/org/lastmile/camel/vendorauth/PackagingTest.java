package org.lastmile.camel.vendorauth;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Karaf users get, checked as far as this build can: the bundle manifest bnd computed, and the features file against
 * Karaf's schema. (Resolving the feature in a Karaf needs Camel's Karaf features for 4.18 or later, which the build
 * cannot fetch; the README says so.)
 */
class PackagingTest {

    /** The API: the Camel face and what users implement or hold. Everything under {@code internal} stays private. */
    private static final List<String> API = List.of("org.lastmile.camel.vendorauth", "org.lastmile.camel.vendorauth.spi");

    private static Attributes manifest() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        }
    }

    @Test
    void theJarIsABundleExportingOnlyItsApiWithVersionedImports() throws Exception {
        Attributes bundle = manifest();
        assertThat(bundle.getValue("Bundle-SymbolicName")).isEqualTo("org.lastmile.camel.vendorauth");
        assertThat(bundle.getValue("Bundle-ManifestVersion")).isEqualTo("2");
        String exports = bundle.getValue("Export-Package");
        for (String exported : API) {
            assertThat(exports).contains(exported + ";version=\"0.1.0\"");
        }
        assertThat(exports).doesNotContain(".internal");
        assertThat(bundle.getValue("Private-Package")).contains("org.lastmile.camel.vendorauth.internal.policy")
                .contains("org.lastmile.camel.vendorauth.internal.store.hazelcast");
        String imports = bundle.getValue("Import-Package");
        assertThat(imports).contains("org.apache.camel;version=\"[4.18,5)\"")
                .contains("com.hazelcast.map;version=\"[5.4,6)\"")
                .contains("org.apache.hc.core5.http;version=\"[5.2,6)\"")
                .contains("com.fasterxml.jackson.databind;version=\"[2.15,3)\"")
                .contains("com.nimbusds.jose;version=\"[10,11)\"");
        assertThat(bundle.getValue("Require-Capability")).contains("(osgi.ee=JavaSE)(version=17)");
        assertThat(Path.of("target/classes/META-INF/services/org/apache/camel/component/vendorauth")).exists();
    }

    @Test
    void theFeatureIsValidKarafFeaturesXmlNamingThisBuildsBundles() throws Exception {
        Path features = Path.of("target/features/features.xml");
        String text = Files.readString(features);
        assertThat(text).doesNotContain("${");

        URL schema = getClass().getClassLoader().getResource("org/apache/karaf/features/karaf-features-1.6.0.xsd");
        assertThat(schema).isNotNull();
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schema).newValidator()
                .validate(new StreamSource(features.toFile()));

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(features.toFile());
        NodeList bundles = document.getElementsByTagNameNS("*", "bundle");
        assertThat(bundles.getLength()).isEqualTo(3);
        String hazelcast = bundles.item(0).getTextContent();
        String jose = bundles.item(1).getTextContent();
        String component = bundles.item(2).getTextContent();
        // the version the component is built with, which is an OSGi bundle of its own
        assertThat(jose).isEqualTo("mvn:com.nimbusds/nimbus-jose-jwt/"
                + com.nimbusds.jose.JWSAlgorithm.class.getPackage().getImplementationVersion());
        assertThat(hazelcast).isEqualTo("mvn:com.hazelcast/hazelcast/"
                + com.hazelcast.instance.GeneratedBuildProperties.VERSION);
        assertThat(component).startsWith("mvn:org.lastmile.camel/camel-lastmile-auth/");
        assertThat(Path.of("target/classes/META-INF/org/lastmile/camel/vendorauth/vendorauth.json")).exists();
    }
}
