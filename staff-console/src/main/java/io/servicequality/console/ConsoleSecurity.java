package io.servicequality.console;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Sign-in and session of the console. Staff sign in with OpenID Connect (authorization code with PKCE, as a
 * confidential client); the tokens stay in the server-side session and the browser holds only an HttpOnly session
 * cookie. State-changing calls need the CSRF token the page reads from its cookie ({@code XSRF-TOKEN}) and sends back
 * in {@code X-XSRF-TOKEN}. A call to the API without a session is answered 401 with a problem (the page then signs in
 * again) rather than redirected; a page is redirected to the sign-in. Signing out ends the session here and at the
 * issuer.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    static final String REGISTRATION = "sqp";

    @Bean
    SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, ClientRegistrationRepository registrations)
            throws Exception {
        DefaultOAuth2AuthorizationRequestResolver withPkce = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/signed-out.html");
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/signed-out.html", "/signed-out.css", "/favicon.svg", "/actuator/health/**", "/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2Login(login ->
                        login.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(withPkce)))
                .oauth2Client(client -> {})
                .csrf(csrf -> csrf.spa())
                .requestCache(cache -> cache.requestCache(pagesOnly(paths)))
                .logout(logout -> logout.logoutSuccessHandler(signedOut))
                .headers(headers ->
                        headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(registrations
                                .findByRegistrationId(REGISTRATION)
                                .getProviderDetails()
                                .getAuthorizationUri()))))
                .exceptionHandling(exceptions ->
                        exceptions.defaultAuthenticationEntryPointFor(signInAgain(), paths.matcher("/api/**")))
                .exceptionHandling(exceptions ->
                        exceptions.defaultAuthenticationEntryPointFor(signInAgain(), paths.matcher("/console/**")))
                .build();
    }

    /**
     * Scripts, styles and connections from the console's own origin only (the page builds its DOM from text, and a
     * stray script has nowhere to send what it reads); forms may post to the issuer (sign-out is redirected there);
     * no framing.
     */
    static String contentSecurityPolicy(String authorizationUri) {
        URI issuer = URI.create(authorizationUri);
        String issuerOrigin = issuer.getScheme() + "://" + issuer.getAuthority();
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:;"
                + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
                + " form-action 'self' " + issuerOrigin;
    }

    /**
     * After signing in, the user goes back to the page they asked for; never to an API answer (an expired session's
     * CSV export would otherwise open as a raw file after the sign-in).
     */
    private static RequestCache pagesOnly(PathPatternRequestMatcher.Builder paths) {
        HttpSessionRequestCache pages = new HttpSessionRequestCache();
        pages.setRequestMatcher(new AndRequestMatcher(
                paths.matcher(HttpMethod.GET, "/**"),
                new NegatedRequestMatcher(
                        new OrRequestMatcher(paths.matcher("/api/**"), paths.matcher("/console/**")))));
        return pages;
    }

    /**
     * The problem type of the console's own 401 (no session, or a session whose tokens stopped working): the page
     * signs in again on this one only. A 401 a service answers (a token it does not accept) is shown, not followed,
     * so a misconfigured service cannot send the page round the sign-in for ever.
     */
    static final URI NOT_SIGNED_IN = URI.create("urn:sqp:console:not-signed-in");

    static ProblemDetail notSignedIn() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNAUTHORIZED, "Not signed in, or the session has ended: sign in again.");
        problem.setType(NOT_SIGNED_IN);
        problem.setTitle("Not signed in");
        return problem;
    }

    /** 401 with a problem: the page's script signs in again (a redirect to the issuer is no answer to a fetch). */
    private static AuthenticationEntryPoint signInAgain() {
        return (request, response, exception) -> {
            ProblemDetail problem = notSignedIn();
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter()
                    .write("{\"type\":\"" + problem.getType() + "\",\"title\":\"" + problem.getTitle()
                            + "\",\"status\":401,\"detail\":\"" + problem.getDetail() + "\"}");
        };
    }
}
