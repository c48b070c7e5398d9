package org.lastmile.camel.vendorauth.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.VendorAuthRetry;
import org.lastmile.camel.vendorauth.test.CamelApplications;
import org.lastmile.camel.vendorauth.test.LogCapture;
import org.lastmile.camel.vendorauth.test.LoopbackCluster;
import org.lastmile.camel.vendorauth.test.LoopbackProxy;
import org.lastmile.camel.vendorauth.test.TestPki;
import org.lastmile.camel.vendorauth.test.TokenAnswers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's faults in one run, at DEBUG, then every place a person or a tool could read: log lines, exception messages
 * and stack traces, every JMX attribute of the context, every health check's message and details, every entry of the
 * cluster's maps. None may hold a client
 * secret, a password, an access or refresh token, or the Basic credential made of them; nor a private key, a proxy
 * password or a client assertion (credentials signing with a key, and reaching the vendor through an authenticating
 * proxy, run beside the others).
 *
 * <p>
 * A vendor's words are masked for the credential's own secrets and for the tokens its answer carries; text the component
 * cannot know to be secret (a token issued to another credential, echoed without being named as a token) is not.
 *
 * <p>
 * The component shares tokens through a real Hazelcast member, so the scan covers every key and value of the cluster's
 * maps too; what a member with other credentials can read is {@link SharedMapSecurityTest}'s.
 */
class SecretsStayHiddenTest {

    private static final String CLIENT_SECRET = "cs-HIDE-5e1d";
    private static final String PASSWORD = "pw-HIDE-0a7c";
    private static final String FIRST_TOKEN = "at-HIDE-first-3b";
    private static final String REFRESHED_TOKEN = "at-HIDE-refreshed-9f";
    private static final String RENEWED_TOKEN = "at-HIDE-renewed-c2";
    private static final String REFRESH_TOKEN = "rt-HIDE-77d0";
    private static final String KEYED_TOKEN = "at-HIDE-keyed-41";
    private static final String HS_SECRET = "hs-HIDE-0123456789abcdef0123456789";
    private static final String PROXY_PASSWORD = "px-HIDE-5c2e";
    private static final KeyPair SIGNING_KEY = TestPki.rsa();

    @RegisterExtension
    static WireMockExtension vendor = TokenAnswers.vendor();

    private static String credentialUri(String path, String extra) {
        return "vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + path + "&clientId=orders&clientSecret=RAW("
                + CLIENT_SECRET + ")&grantType=password&username=ann&password=RAW(" + PASSWORD + ")" + extra;
    }

    /** A credential signing assertions with a private key given as text, reaching the vendor through the proxy. */
    private static String keyedUri(String path, LoopbackProxy proxy) {
        return "vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + path + "&clientId=keyed"
                + "&clientAuthentication=private_key_jwt&clientAssertionKey=RAW(" + TestPki.pkcs8Pem(SIGNING_KEY) + ")"
                + "&proxyHost=127.0.0.1&proxyPort=" + proxy.port() + "&proxyAuthUsername=egress&proxyAuthPassword=RAW("
                + PROXY_PASSWORD + ")";
    }

    private static String hsUri(String path) {
        return "vendorauth:oauth2?tokenUrl=" + vendor.baseUrl() + path + "&clientId=hs"
                + "&clientAuthentication=client_secret_jwt&clientSecret=RAW(" + HS_SECRET + ")";
    }

    private static void stubVendor() {
        String echo = "client secret " + CLIENT_SECRET + ", password " + PASSWORD + ", refresh token " + REFRESH_TOKEN;
        vendor.stubFor(post("/token").withRequestBody(containing("grant_type=password")).inScenario("tokens")
                .whenScenarioStateIs(STARTED).willSetStateTo("issued")
                .willReturn(TokenAnswers.token(FIRST_TOKEN, 2, REFRESH_TOKEN)));
        vendor.stubFor(post("/token").withRequestBody(containing("grant_type=refresh_token")).inScenario("refresh")
                .whenScenarioStateIs(STARTED).willSetStateTo("refreshed")
                .willReturn(TokenAnswers.token(REFRESHED_TOKEN, 3600)));
        vendor.stubFor(post("/token").withRequestBody(containing("grant_type=refresh_token")).inScenario("refresh")
                .whenScenarioStateIs("refreshed").willReturn(TokenAnswers.token(RENEWED_TOKEN, 3600)));
        vendor.stubFor(post("/token").withRequestBody(containing("grant_type=password")).inScenario("tokens")
                .whenScenarioStateIs("issued").willReturn(TokenAnswers.token(RENEWED_TOKEN, 3600)));
        vendor.stubFor(post("/keyed").willReturn(TokenAnswers.token(KEYED_TOKEN, 3600)));
        vendor.stubFor(post("/keyed-echo").willReturn(TokenAnswers.json(401, "{\"error\":\"invalid_client\","
                + "\"error_description\":\"proxy password " + PROXY_PASSWORD + "\"}")));
        vendor.stubFor(post("/hs-echo").willReturn(TokenAnswers.json(401, "{\"error\":\"invalid_client\","
                + "\"error_description\":\"client secret " + HS_SECRET + "\"}")));
        for (String reset : List.of("/keyed-reset", "/hs-reset")) {
            vendor.stubFor(post(reset).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        }
        vendor.stubFor(post("/echo").willReturn(TokenAnswers.json(401, "{\"error\":\"invalid_client\","
                + "\"error_description\":\"" + echo + "\",\"refresh_token\":\"" + REFRESH_TOKEN + "\"}")));
        vendor.stubFor(post("/echo200").willReturn(TokenAnswers.json(200, "{\"error\":\"" + echo + "\","
                + "\"refresh_token\":\"" + REFRESH_TOKEN + "\"}")));
        vendor.stubFor(post("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        vendor.stubFor(post("/huge").willReturn(TokenAnswers.json(500, "{\"error_description\":\"" + echo
                + "x".repeat(1 << 20) + "\"}")));
        // the API refuses the first token it is shown, and names it
        vendor.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer " + REFRESHED_TOKEN))
                .willReturn(aResponse().withStatus(401).withBody("token " + REFRESHED_TOKEN + " revoked")));
        vendor.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer " + RENEWED_TOKEN))
                .willReturn(aResponse().withStatus(200).withBody("orders")));
    }

    @Test
    void noSecretOrTokenInLogsExceptionsJmxOrHealth() throws Exception {
        stubVendor();
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = new LogCapture(); LoopbackCluster cluster = new LoopbackCluster();
             LoopbackProxy proxy = new LoopbackProxy("egress", PROXY_PASSWORD)) {
            HazelcastInstance member = cluster.startMember();
            VendorAuthComponent component = CamelApplications.sharingThrough(member);
            component.setResponseTimeout(1000);
            component.setBackoffInitial(50);
            component.setBackoffMax(100);
            CamelContext camel = CamelApplications.start(component, new RouteBuilder() {
                @Override
                public void configure() {
                    VendorAuthRetry.retryOnceWhenUnauthorized(this);
                    from("direct:good").routeId("good").to(credentialUri("/token", ""));
                    from("direct:api").routeId("api").to(credentialUri("/token", ""))
                            .to(vendor.baseUrl() + "/api");
                    for (String fault : List.of("echo", "echo200", "reset", "huge")) {
                        from("direct:" + fault).routeId(fault).to(credentialUri("/" + fault, ""));
                    }
                    // faults of the keyed credentials: each vendor echoes that credential's own secrets
                    for (String fault : List.of("keyed-echo", "keyed-reset")) {
                        from("direct:" + fault).routeId(fault).to(keyedUri("/" + fault, proxy));
                    }
                    for (String fault : List.of("hs-echo", "hs-reset")) {
                        from("direct:" + fault).routeId(fault).to(hsUri("/" + fault));
                    }
                    from("direct:keyed").routeId("keyed").to(keyedUri("/keyed", proxy));
                }
            });
            try {
                HealthCheckHelper.getHealthCheckRepository(camel, "producers", WritableHealthCheckRepository.class)
                        .setEnabled(true);
                runScenarios(camel, seen);
                seen.addAll(jmxAttributes(camel));
                seen.addAll(healthChecks(camel));
                seen.addAll(sharedMaps(member));
            } finally {
                camel.stop();
            }
            seen.addAll(logs.lines());
        }

        assertThat(seen).as("the run was seen at DEBUG").hasSizeGreaterThan(50);
        String basic = Base64.getEncoder().encodeToString(("orders:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET, PASSWORD, FIRST_TOKEN, REFRESHED_TOKEN,
                RENEWED_TOKEN, REFRESH_TOKEN, basic, KEYED_TOKEN, HS_SECRET, PROXY_PASSWORD,
                Base64.getEncoder().encodeToString(("egress:" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8))));
        // the private key: its PEM lines and its encoding
        TestPki.pkcs8Pem(SIGNING_KEY).lines().filter(line -> !line.startsWith("-----")).forEach(secrets::add);
        secrets.add(Base64.getEncoder().encodeToString(SIGNING_KEY.getPrivate().getEncoded()).substring(0, 64));
        List<String> assertions = sentAssertions();
        // three requests (keyed, keyed-echo, hs-echo) at least; a reset may come before the body is read
        assertThat(assertions).as("assertions were sent, through the proxy and directly").hasSizeGreaterThanOrEqualTo(6);
        secrets.addAll(assertions);
        for (String secret : secrets) {
            assertThat(seen).as("places showing %s", secret).filteredOn(text -> text.contains(secret)).isEmpty();
        }
    }

    /** Every client assertion the vendor received, and each signature alone. */
    private static List<String> sentAssertions() {
        List<String> assertions = new ArrayList<>();
        for (ServeEvent event : vendor.getAllServeEvents()) {
            for (String pair : event.getRequest().getBodyAsString().split("&")) {
                if (pair.startsWith("client_assertion=")) {
                    String jwt = URLDecoder.decode(pair.substring("client_assertion=".length()), StandardCharsets.UTF_8);
                    assertions.add(jwt);
                    assertions.add(jwt.substring(jwt.lastIndexOf('.') + 1));
                }
            }
        }
        return assertions;
    }

    private static void runScenarios(CamelContext camel, List<String> seen) throws InterruptedException {
        ProducerTemplate template = camel.createProducerTemplate();
        assertThat(template.request("direct:good", e -> { }).getException()).isNull();
        // the 2 s token is refreshed with the refresh token from 1 s on
        Exchange refreshed;
        int waited = 0;
        do {
            Thread.sleep(100);
            refreshed = template.request("direct:good", e -> { });
        } while (!("Bearer " + REFRESHED_TOKEN).equals(refreshed.getMessage().getHeader("Authorization"))
                && ++waited < 100);
        // the API refuses the refreshed token: dropped, renewed with the refresh token (still good), the call repeated once
        Exchange api = template.request("direct:api", e -> { });
        assertThat(api.getException()).isNull();
        // after the first calls, so that the vendor's cold start is behind the 1 s response timeout
        Exchange keyed = template.request("direct:keyed", e -> { });
        assertThat(keyed.getException()).isNull();
        assertThat(keyed.getMessage().getHeader("Authorization")).isEqualTo("Bearer " + KEYED_TOKEN);
        for (String fault : List.of("echo", "echo200", "reset", "huge", "keyed-echo", "keyed-reset", "hs-echo",
            "hs-reset")) {
            Exchange failed = template.request("direct:" + fault, e -> { });
            assertThat(failed.getException()).as(fault).isNotNull();
            seen.add(describe(failed.getException()));
        }
        try {
            camel.getEndpoint("vendorauth:oauth2?clientSecret=RAW(" + CLIENT_SECRET + ")&password=RAW(" + PASSWORD
                    + ")&tokenUrl=http://ann:" + PASSWORD + "@127.0.0.1/token");
        } catch (RuntimeException e) {
            seen.add(describe(e));
        }
    }

    private static String describe(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return failure + "\n" + trace;
    }

    /** Every readable attribute of every MBean of the context, with the MBean's name. */
    private static List<String> jmxAttributes(CamelContext camel) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<String> values = new ArrayList<>();
        for (ObjectName name : server.queryNames(new ObjectName("org.apache.camel:context="
                + camel.getManagementName() + ",*"), null)) {
            values.add(name.toString());
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                if (!attribute.isReadable()) {
                    continue;
                }
                try {
                    values.add(name + " " + attribute.getName() + "=" + deepToString(server.getAttribute(name,
                            attribute.getName())));
                } catch (Exception unreadable) {
                    // some attributes need state this context does not have; what cannot be read cannot leak
                }
            }
        }
        assertThat(values).as("vendorauth endpoints are managed").anyMatch(value -> value.contains("vendorauth"));
        return values;
    }

    private static String deepToString(Object value) {
        return value instanceof Object[] array ? java.util.Arrays.deepToString(array) : String.valueOf(value);
    }

    /** Every key and value of every map of the cluster, values read as bytes. */
    private static List<String> sharedMaps(HazelcastInstance member) {
        List<String> entries = new ArrayList<>();
        for (DistributedObject object : member.getDistributedObjects()) {
            if (object instanceof IMap<?, ?> map) {
                map.forEach((key, value) -> entries.add(map.getName() + " " + key + "=" + (value instanceof byte[] bytes
                        ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value))));
            }
        }
        assertThat(entries).as("tokens were shared through the cluster").isNotEmpty();
        return entries;
    }

    /** Every health check's id, state, message, details and error. */
    private static List<String> healthChecks(CamelContext camel) {
        List<String> results = new ArrayList<>();
        for (HealthCheck.Result result : HealthCheckHelper.invoke(camel)) {
            results.add(result.getCheck().getId() + " " + result.getState() + " " + result.getMessage().orElse("") + " "
                    + result.getDetails() + " " + result.getError().map(SecretsStayHiddenTest::describe).orElse(""));
        }
        assertThat(results).as("vendorauth checks ran").anyMatch(result -> result.contains("vendorauth"));
        return results;
    }
}
