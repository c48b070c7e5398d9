package org.lastmile.camel.vendorauth.vendors;

import java.nio.file.Files;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.lastmile.camel.vendorauth.test.Encodings;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/** A vendor added without Java: a profile file given by location, or found on the classpath. */
class UserProfileTest {

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private static Exchange send(String profileLocations, String uri) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        VendorAuthComponent component = new VendorAuthComponent();
        component.setTokenStore(new InMemoryTokenStore());
        component.setProfileLocations(profileLocations);
        camel.addComponent("vendorauth", component);
        camel.start();
        try {
            return camel.createProducerTemplate().request(uri, exchange -> { });
        } finally {
            camel.stop();
        }
    }

    @Test
    void aProfileFileGivenByLocation(@TempDir Path folder) throws Exception {
        Path profile = folder.resolve("parcelco.json");
        Files.writeString(profile, """
                {
                  "name": "parcelco",
                  "description": "ParcelCo: password grant, raw Basic, JSON body, a fixed API version, tenant required",
                  "environments": {
                    "production": { "tokenUrl": "https://auth.parcelco.example/token", "apiUrl": "https://api.parcelco.example" },
                    "sandbox": { "tokenUrl": "%s/parcelco/token", "apiUrl": "%s/parcelco/api",
                                 "parameters": { "audience": "parcelco-sandbox" } }
                  },
                  "grantType": "password",
                  "clientAuthentication": "basic-raw",
                  "bodyFormat": "json",
                  "parameters": { "api_version": "2" },
                  "requiredParameters": { "tenantId": "the shipper account number" },
                  "expiry": { "expiresInUnit": "seconds", "maxLifetime": "PT12H" },
                  "refresh": { "enabled": true, "carriedParameters": ["tenantId"] }
                }
                """.formatted(vendor.baseUrl(), vendor.baseUrl()));
        vendor.stubFor(post("/parcelco/token")
                .withHeader("Authorization", equalTo(Encodings.basic("shipper:s3cret")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"grant_type\":\"password\",\"username\":\"ops\",\"password\":\"pw\","
                        + "\"api_version\":\"2\",\"audience\":\"parcelco-sandbox\",\"tenantId\":\"ACC-7\"}"))
                .willReturn(TokenAnswers.token("p1", 3600)));

        Exchange done = send("file:" + profile, "vendorauth:parcelco?environment=sandbox&clientId=shipper"
                + "&clientSecret=s3cret&username=ops&password=pw&tenantId=ACC-7");

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader("Authorization")).isEqualTo("Bearer p1");
        assertThat(done.getMessage().getHeader("CamelVendorAuthBaseUrl")).isEqualTo(vendor.baseUrl() + "/parcelco/api");
    }

    @Test
    void aProfileOnTheClasspath() throws Exception {
        vendor.stubFor(post("/acme/token")
                .withHeader("Authorization", absent())
                .withRequestBody(equalToJson("{\"grant_type\":\"client_credentials\",\"client_id\":\"c\","
                        + "\"client_secret\":\"s\",\"scope\":\"parcels\"}"))
                .willReturn(TokenAnswers.token("a1", 3600)));

        Exchange done = send(null, "vendorauth:acme-classpath?tokenUrl=" + vendor.baseUrl() + "/acme/token&clientId=c"
                + "&clientSecret=s");

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader("Authorization")).isEqualTo("Bearer a1");
    }
}
