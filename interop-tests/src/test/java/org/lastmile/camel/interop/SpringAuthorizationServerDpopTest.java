package org.lastmile.camel.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lastmile.camel.vendorauth.VendorAuthComponent;
import org.lastmile.camel.vendorauth.VendorAuthDpopSigner;
import org.lastmile.camel.vendorauth.VendorAuthRetry;
import org.lastmile.camel.vendorauth.spi.InMemoryTokenStore;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP against a real authorization server: Spring Authorization Server 7.1 on loopback issues DPoP-bound JWTs
 * ({@code token_type} {@code DPoP}, {@code cnf.jkt}) for the client credentials grant, and Spring Security's resource
 * server, in the same application, takes an API call only with a proof of the bound key (method, URI, {@code ath}).
 */
class SpringAuthorizationServerDpopTest {

    private static final String CLIENT_ID = "orders";
    private static final String CLIENT_SECRET = "orders-Secret-5d1";

    private static ConfigurableApplicationContext server;
    private static String base;
    private CamelContext camel;

    /** The authorization server and the API it guards. */
    @SpringBootApplication
    @RestController
    static class AuthorizationServerApplication {

        private static final KeyPair SIGNING = rsa();

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            http.securityMatcher("/oauth2/**", "/.well-known/**")
                    .oauth2AuthorizationServer(Customizer.withDefaults())
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain api(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults())
                            .dPoP(Customizer.withDefaults()));
            return http.build();
        }

        @Bean
        RegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId("orders-client")
                    .clientId(CLIENT_ID)
                    .clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope("orders.read")
                    .build());
        }

        @Bean
        JWKSource<SecurityContext> signingKeys() {
            return new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder((RSAPublicKey) SIGNING.getPublic())
                    .privateKey((RSAPrivateKey) SIGNING.getPrivate()).keyID("as-1").build()));
        }

        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) SIGNING.getPublic()).build();
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }

        @GetMapping("/api/orders")
        Map<String, Object> orders(@AuthenticationPrincipal Jwt token) {
            return Map.of("client", token.getSubject(), "items", 1);
        }

        private static KeyPair rsa() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeAll
    static void startServer() {
        server = new SpringApplicationBuilder(AuthorizationServerApplication.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
                .run();
        base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void stopCamel() {
        if (camel != null) {
            camel.stop();
        }
    }

    private String credentialUri() {
        return "vendorauth:oauth2?tokenUrl=" + base + "/oauth2/token&clientId=" + CLIENT_ID + "&clientSecret=RAW("
                + CLIENT_SECRET + ")&scope=orders.read&dpop=true";
    }

    private CamelContext start(VendorAuthComponent component, RouteBuilder routes) throws Exception {
        camel = new DefaultCamelContext();
        camel.addComponent("vendorauth", component);
        camel.getComponent("http", HttpComponent.class).setHttpClientConfigurer(new VendorAuthDpopSigner(component));
        camel.addRoutes(routes);
        camel.start();
        return camel;
    }

    private static VendorAuthComponent component() {
        VendorAuthComponent component = new VendorAuthComponent();
        component.setTokenStore(new InMemoryTokenStore());
        return component;
    }

    @Test
    void theServerBindsTheTokenToTheKeyAndItsResourceServerTakesTheProofs() throws Exception {
        String api = base + "/api/orders";
        CamelContext camel = start(component(), new RouteBuilder() {
            @Override
            public void configure() {
                VendorAuthRetry.retryOnceWhenUnauthorized(this);
                from("direct:enriched").setHeader(Exchange.HTTP_URI, constant(api + "?page=1")).to(credentialUri())
                        .to(api);
                from("direct:signed").to(credentialUri()).toD(api + "?page=${header.page}");
            }
        });

        Exchange enriched = camel.createProducerTemplate().send("direct:enriched", exchange -> { });
        assertThat(enriched.getException()).isNull();
        assertThat(enriched.getMessage().getBody(String.class)).contains("\"client\":\"" + CLIENT_ID + "\"");
        String authorization = enriched.getMessage().getHeader("Authorization", String.class);
        assertThat(authorization).startsWith("DPoP ");
        String token = authorization.substring("DPoP ".length());
        SignedJWT proof = SignedJWT.parse(enriched.getMessage().getHeader("DPoP", String.class));
        @SuppressWarnings("unchecked")
        Map<String, Object> cnf = (Map<String, Object>) SignedJWT.parse(token).getJWTClaimsSet().getClaim("cnf");
        assertThat(cnf).as("the token is bound to the key of the proofs")
                .containsEntry("jkt", proof.getHeader().getJWK().computeThumbprint().toString());

        for (int page = 1; page <= 3; page++) {
            int n = page;
            Exchange signed = camel.createProducerTemplate().send("direct:signed",
                    exchange -> exchange.getMessage().setHeader("page", n));
            assertThat(signed.getException()).as("signed when camel-http sends").isNull();
            assertThat(signed.getMessage().getHeader("Authorization", String.class)).isEqualTo(authorization);
        }

        HttpResponse<String> asBearer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asBearer.statusCode()).as("the bound token without a proof").isEqualTo(401);
    }
}
