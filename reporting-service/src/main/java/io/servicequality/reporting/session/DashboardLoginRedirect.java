package io.servicequality.reporting.session;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser opening a dashboard page ({@code GET}, {@code Accept: text/html}) without a valid credential is sent to the
 * login page (302) instead of receiving a 401 problem, and an expired or otherwise invalid session cookie is cleared.
 * Runs before the security filter chain; API clients (no {@code text/html}) and requests with an
 * {@code Authorization} header are left to it (401 problem+json).
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10)
class DashboardLoginRedirect extends OncePerRequestFilter {

    private final JwtDecoder tokens;

    DashboardLoginRedirect(JwtDecoder tokens) {
        this.tokens = tokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !SessionCookies.isSafe(request)
                || !SessionCookies.isDashboard(SessionCookies.path(request))
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !acceptsHtml(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = SessionCookies.token(request);
        if (token != null && isValid(token)) {
            chain.doFilter(request, response);
            return;
        }
        if (token != null) {
            response.addHeader(
                    HttpHeaders.SET_COOKIE, SessionCookies.cleared(request).toString());
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + SessionCookies.LOGIN_PAGE);
    }

    private boolean isValid(String token) {
        try {
            tokens.decode(token);
            return true;
        } catch (JwtException invalid) {
            return false;
        }
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }
}
