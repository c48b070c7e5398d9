package org.lastmile.camel.interop;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Authorization Server (Spring Security 7.1), as released on Maven Central, on a free loopback port: a real
 * implementation of token exchange (RFC 8693) and of DPoP-bound tokens (RFC 9449), for interoperability tests.
 *
 * <p>
 * Two clients: {@value #FRONTEND} (client credentials; its tokens play the caller's, the subject tokens) and
 * {@value #GATEWAY} (client credentials and token exchange, by {@code client_secret_basic} or {@code client_secret_post}).
 * Access tokens are signed JWTs; a token request with a valid {@code DPoP} proof gets a DPoP-bound one ({@code cnf.jkt}),
 * as the server does by itself. Start one per test class; {@link #close()} stops it.
 */
public final class SpringAuthorizationServer implements AutoCloseable {

    /** The client whose tokens are the subjects. */
    public static final String FRONTEND = "frontend";
    /** The client that exchanges them. */
    public static final String GATEWAY = "gateway";
    /** The secret of {@value #GATEWAY}. */
    public static final String SECRET = "interop-secret-" + UUID.randomUUID();
    /** The secret of {@value #FRONTEND}. */
    public static final String FRONTEND_SECRET = "frontend-secret-" + UUID.randomUUID();

    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    private SpringAuthorizationServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /**
     * Starts a server whose {@value #FRONTEND} tokens live {@code subjectLifetime} and whose {@value #GATEWAY} tokens live
     * {@code exchangedLifetime}.
     */
    public static SpringAuthorizationServer start(Duration subjectLifetime, Duration exchangedLifetime) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ServerConfiguration.class)
                .web(WebApplicationType.SERVLET)
                .properties(Map.of("server.port", "0", "server.address", "127.0.0.1", "spring.main.banner-mode", "off",
                        "interop.subject-lifetime", subjectLifetime.toString(),
                        "interop.exchanged-lifetime", exchangedLifetime.toString()))
                .run();
        return new SpringAuthorizationServer(context);
    }

    /** Its token endpoint. */
    public String tokenUrl() {
        return baseUrl + "/oauth2/token";
    }

    /** Its issuer, the base URL. */
    public String issuer() {
        return baseUrl;
    }

    /** Its signing keys, public part: what a resource server verifies tokens with. */
    public JWKSet publicKeys() {
        return context.getBean(JWKSet.class).toPublicJWKSet();
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * The server's beans: the filter chain of the authorization server, its clients, its signing key. Not a
     * {@code @Configuration}: another test's application that scans this package must not pick it up.
     */
    @EnableAutoConfiguration
    @EnableWebSecurity
    static class ServerConfiguration {

        @Bean
        SecurityFilterChain tokenExchangeServer(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> http.securityMatcher(server.getEndpointsMatcher()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
            return http.build();
        }

        @Bean
        RegisteredClientRepository clients(org.springframework.core.env.Environment environment) {
            Duration subjects = Duration.parse(environment.getRequiredProperty("interop.subject-lifetime"));
            Duration exchanged = Duration.parse(environment.getRequiredProperty("interop.exchanged-lifetime"));
            RegisteredClient frontend = RegisteredClient.withId(FRONTEND).clientId(FRONTEND)
                    .clientSecret("{noop}" + FRONTEND_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope("orders.read")
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(subjects).build())
                    .build();
            RegisteredClient gateway = RegisteredClient.withId(GATEWAY).clientId(GATEWAY).clientSecret("{noop}" + SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
                    .scope("orders.read")
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(exchanged).build())
                    .build();
            return new InMemoryRegisteredClientRepository(frontend, gateway);
        }

        /**
         * The server's store of authorizations, in memory. The server exchanges only tokens that stand for a principal
         * (RFC 8693 §1.1, impersonation or delegation); a client credentials token stands for none, so the frontend's
         * tokens are recorded as a signed-in user's would be, named after the client, as after a login.
         */
        @Bean
        OAuth2AuthorizationService authorizations() {
            InMemoryOAuth2AuthorizationService store = new InMemoryOAuth2AuthorizationService();
            return new OAuth2AuthorizationService() {
                @Override
                public void save(OAuth2Authorization authorization) {
                    boolean caller = FRONTEND.equals(authorization.getRegisteredClientId())
                            && authorization.getAttribute(Principal.class.getName()) == null;
                    store.save(!caller ? authorization : OAuth2Authorization.from(authorization)
                            .attribute(Principal.class.getName(), UsernamePasswordAuthenticationToken.authenticated(
                                    authorization.getPrincipalName(), null, List.of()))
                            .build());
                }

                @Override
                public void remove(OAuth2Authorization authorization) {
                    store.remove(authorization);
                }

                @Override
                public OAuth2Authorization findById(String id) {
                    return store.findById(id);
                }

                @Override
                public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
                    return store.findByToken(token, tokenType);
                }
            };
        }

        @Bean
        JWKSet keys() throws JOSEException {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            return new JWKSet(key);
        }

        @Bean
        JWKSource<SecurityContext> jwkSource(JWKSet keys) {
            return new ImmutableJWKSet<>(keys);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
