package io.servicequality.devauth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The OpenID Connect provider: its endpoints (discovery, JWKS, authorize, token, userinfo, …) with the OIDC extensions,
 * form login for everything else, the two console clients, the demo users and the staff claims in every token.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    static final String CONSOLE_CLIENT = "sqp-console";
    static final String BFF_CLIENT = "sqp-console-bff";

    /** The protocol endpoints; a browser that is not signed in is sent to the login form. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server.oidc(oidc -> {}))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** The login form (Spring Security's own page), and nothing else without a sign-in. */
    @Bean
    @Order(2)
    SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(form -> {});
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService demoUsers(PasswordEncoder passwords) {
        String password = passwords.encode(DemoUsers.PASSWORD);
        return new InMemoryUserDetailsManager(DemoUsers.ALL.stream()
                .map(user -> User.withUsername(user.username())
                        .password(password)
                        .roles(user.roles().toArray(String[]::new))
                        .build())
                .toList());
    }

    /**
     * {@code sqp-console}: a public client (a browser application, no secret) that must use PKCE; {@code
     * sqp-console-bff}: the console's backend-for-frontend, confidential, with refresh tokens. Neither asks the user
     * for consent (both are the platform's own). No client may use client credentials.
     */
    @Bean
    RegisteredClientRepository registeredClients(DevAuthProperties properties) {
        // refresh tokens live as long as a console session (8 hours idle), so a signed-in user is not signed out by the
        // default hour
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenTimeToLive(properties.accessTokenTtl())
                .refreshTokenTimeToLive(Duration.ofHours(8))
                .build();
        RegisteredClient console = RegisteredClient.withId(
                        UUID.nameUUIDFromBytes(CONSOLE_CLIENT.getBytes()).toString())
                .clientId(CONSOLE_CLIENT)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(properties.consoleRedirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(properties.consoleRedirectUris()))
                .scopes(scopes -> scopes.addAll(List.of(OidcScopes.OPENID, OidcScopes.PROFILE)))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(tokens)
                .build();
        RegisteredClient bff = RegisteredClient.withId(
                        UUID.nameUUIDFromBytes(BFF_CLIENT.getBytes()).toString())
                .clientId(BFF_CLIENT)
                .clientSecret("{noop}" + properties.bffClientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(properties.bffRedirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(properties.bffPostLogoutRedirectUris()))
                .scopes(scopes -> scopes.addAll(List.of(OidcScopes.OPENID, OidcScopes.PROFILE)))
                .clientSettings(ClientSettings.builder()
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(tokens)
                .build();
        return new InMemoryRegisteredClientRepository(console, bff);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(DevAuthProperties properties) {
        return new ImmutableJWKSet<>(new JWKSet(SigningKey.loadOrCreate(properties.dataDir())));
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(DevAuthProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (!properties.issuer().isBlank()) {
            settings.issuer(properties.issuer());
        }
        return settings.build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> staffClaims(DevAuthProperties properties) {
        return new StaffClaims(properties.tenant());
    }
}
