package io.servicequality.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Everything a service gets by depending on this module: staff JWTs and app API keys become a {@link Caller}; the
 * service's {@link EndpointRules} decide per endpoint (unmatched requests are denied); 401/403 are problems; security
 * headers and closed CORS apply to every request (JSON limits and problem details: platform-web).
 */
@AutoConfiguration(
        before = {
            SecurityAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class,
            ManagementWebSecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class,
            OAuth2ResourceServerAutoConfiguration.class,
            OAuth2ResourceServerWebSecurityAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public class PlatformSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PlatformSecurityAutoConfiguration.class);

    /**
     * Open to everyone: health probes, the Prometheus scrape (aggregate meters, no tenant's data; put the actuator on
     * {@code SQP_MANAGEMENT_PORT} to keep it off the public port), the OpenAPI documents and the event catalogue
     * (AsyncAPI, platform-web).
     */
    static final String[] OPEN = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/prometheus",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/v3/asyncapi",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/error"
    };

    /** Open to ADMINs only: the service's meters. */
    static final String[] OPERATORS = {"/actuator/metrics", "/actuator/metrics/**"};

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'";

    @Bean
    CallerAccess callerAccess() {
        return new CallerAccess();
    }

    @Bean
    @ConditionalOnMissingBean
    TenantGate tenantGate(PlatformSecurityProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new TenantGate(
                new HashSet<>(properties.knownTenants()), meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    @ConditionalOnMissingBean
    BranchRegions branchRegions() {
        return new BranchRegions();
    }

    @Bean
    @ConditionalOnMissingBean
    ApiKeyRegistry apiKeyRegistry(TenantGate tenants) {
        return new ApiKeyRegistry(tenants);
    }

    /** The default firewall rules, checked cheaply for printable-ASCII headers and parameters ({@link RequestFirewall}). */
    @Bean
    WebSecurityCustomizer platformRequestFirewall() {
        StrictHttpFirewall firewall = RequestFirewall.create();
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    SecurityProblemAdvice securityProblemAdvice() {
        return new SecurityProblemAdvice();
    }

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

    /**
     * The OIDC issuer ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}: its keys, {@code iss} equal to
     * it), the local RSA public key ({@code sqp.security.jwt.public-key-location}: {@code iss} equal to
     * {@code sqp.security.jwt.issuer}), or both, each token then verified by the one its {@code iss} names
     * ({@link TrustedIssuers}). Either way: RS256 signature, expiry, a known tenant. The issuer's keys come from its
     * discovery document, or from {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} when the issuer is
     * reached under another name than the one in its tokens (docker-compose); fetched at the first token, not at
     * start-up.
     *
     * <p>Boot's own decoder reads the same two properties the same way, but this bean replaces it (it adds the tenant
     * check and the local key), so they are read here.
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(PlatformSecurityProperties properties, Environment environment, TenantGate tenants) {
        String issuerUri = environment.getProperty(ISSUER_URI, "").strip();
        String jwkSetUri = environment.getProperty(JWK_SET_URI, "").strip();
        Resource location = properties.jwt().publicKeyLocation();
        // not a readable file (absent, or the directory docker makes for a missing bind-mount source): no local key
        boolean localKey = location != null && location.isReadable();
        Map<String, JwtDecoder> verifiers = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        if (!issuerUri.isBlank()) {
            verifiers.put(issuerUri, issuerVerifier(issuerUri, jwkSetUri, tenants));
            sources.add(
                    "iss " + issuerUri + ", keys from " + (jwkSetUri.isBlank() ? "its discovery document" : jwkSetUri));
        } else if (!jwkSetUri.isBlank()) {
            throw new IllegalStateException("SQP_SECURITY_JWT_JWK_SET_URI (" + jwkSetUri + ") names where an issuer's"
                    + " keys are fetched; set SQP_SECURITY_JWT_ISSUER_URI too, the iss its tokens must carry");
        }
        if (localKey) {
            String issuer = properties.jwt().issuer();
            if (verifiers.containsKey(issuer)) {
                throw new IllegalStateException("SQP_SECURITY_JWT_ISSUER (" + issuer + ") must differ from"
                        + " SQP_SECURITY_JWT_ISSUER_URI: a token's iss chooses the key that verifies it");
            }
            NimbusJwtDecoder decoder =
                    NimbusJwtDecoder.withPublicKey(readPublicKey(location)).build();
            decoder.setJwtValidator(StaffTokens.validator(issuer, tenants));
            verifiers.put(issuer, decoder);
            sources.add("iss " + issuer + ", key " + location);
        }
        if (verifiers.isEmpty()) {
            throw new IllegalStateException("No way to verify staff tokens: set SQP_SECURITY_JWT_ISSUER_URI (an OIDC"
                    + " issuer) or SQP_SECURITY_JWT_PUBLIC_KEY_LOCATION (an RSA public key PEM); "
                    + location + " is not a readable file");
        }
        log.info("Staff tokens accepted: {}", String.join("; ", sources));
        return remembering(
                verifiers.size() == 1 ? verifiers.values().iterator().next() : new TrustedIssuers(verifiers));
    }

    /** The issuer's keys and validator, built at the first token: start-up does not wait for the issuer. */
    private static JwtDecoder issuerVerifier(String issuerUri, String jwkSetUri, TenantGate tenants) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = jwkSetUri.isBlank()
                    ? NimbusJwtDecoder.withIssuerLocation(issuerUri).build()
                    : NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
            decoder.setJwtValidator(StaffTokens.validator(issuerUri, tenants));
            return decoder;
        });
    }

    /** Verified tokens are remembered until they expire (a client sends the same token with every request). */
    private static JwtDecoder remembering(JwtDecoder verifier) {
        return new VerifiedTokenCache(verifier, 10_000, Clock.systemUTC());
    }

    @Bean
    SecurityFilterChain platformSecurityFilterChain(
            HttpSecurity http,
            List<EndpointRules> endpointRules,
            JwtDecoder jwtDecoder,
            ApiKeyRegistry apiKeys,
            BranchRegions branchRegions,
            PlatformSecurityProperties properties)
            throws Exception {
        SecurityProblems problems = new SecurityProblems();
        http.csrf(csrf -> csrf.disable()) // no cookies, no sessions: every request carries its credential
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .cors(cors -> cors.configurationSource(cors(properties.corsAllowedOrigins())))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(rules -> {
                    rules.requestMatchers(OPEN).permitAll();
                    // the service's own meters (store commands, consumers, JVM): operators only
                    rules.requestMatchers(OPERATORS).hasAuthority(Role.ADMIN.authority());
                    endpointRules.forEach(rule -> rule.declare(rules));
                    rules.anyRequest().denyAll();
                })
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(apiKeys, problems), BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(server -> server.bearerTokenResolver(new BearerTokens())
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(new StaffTokens(branchRegions)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        if (properties.limits().enabled()) {
            // after authorization: only authenticated, permitted requests reach it, and the quota is the caller's
            http.addFilterAfter(
                    new RequestLimitsFilter(new CallerAccess(), properties.limits()), AuthorizationFilter.class);
        }
        return http.build();
    }

    private static UrlBasedCorsConfigurationSource cors(List<String> allowedOrigins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = allowedOrigins.stream().filter(o -> !o.isBlank()).toList();
        if (!origins.isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(origins);
            configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
            configuration.setAllowedHeaders(List.of("Authorization", "X-API-Key", "Content-Type", "Idempotency-Key"));
            configuration.setExposedHeaders(List.of("Location", "Retry-After"));
            source.registerCorsConfiguration("/**", configuration);
        }
        return source;
    }

    static RSAPublicKey readPublicKey(Resource location) {
        try (InputStream in = location.getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read the RSA public key at " + location, e);
        }
    }
}
