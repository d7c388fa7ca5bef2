package io.servicequality.reporting.session;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.stereotype.Component;

/**
 * Where the resource server finds a staff token (picked up by platform-security's filter chain as the application's
 * {@link BearerTokenResolver}): the {@code Authorization: Bearer} header as always; failing that, the dashboard's
 * session cookie, but only for safe requests (GET, HEAD) to the API ({@code /api/v1/…}) and the dashboard pages. A
 * write never authenticates with the cookie, so a cross-site request cannot change anything (no CSRF); the open login
 * resources ignore the cookie, so an expired one cannot lock the operator out of the login page.
 */
@Component
class SessionCookieTokenResolver implements BearerTokenResolver {

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String fromHeader = header.resolve(request);
        if (fromHeader != null) {
            return fromHeader;
        }
        if (!SessionCookies.isSafe(request)) {
            return null;
        }
        String path = SessionCookies.path(request);
        if (path.startsWith("/api/v1/") || SessionCookies.isDashboard(path)) {
            return SessionCookies.token(request);
        }
        return null;
    }
}
