package io.servicequality.reporting.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Set;
import org.springframework.http.ResponseCookie;

/** The session cookie: its name, where it counts, how it is written and cleared. */
final class SessionCookies {

    static final String NAME = "sqp_session";

    static final String LOGIN_PAGE = "/dashboard/login.html";

    /** The only dashboard resources open without a credential. */
    static final Set<String> LOGIN_RESOURCES = Set.of(LOGIN_PAGE, "/dashboard/login.js", "/dashboard/login.css");

    private SessionCookies() {}

    /** The token in the request's session cookie, or {@code null}. */
    static String token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName())
                    && cookie.getValue() != null
                    && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** The request's path inside the application. */
    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    static boolean isSafe(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /** The dashboard's pages and assets (not the open login resources). */
    static boolean isDashboard(String path) {
        return (path.equals("/") || path.equals("/dashboard") || path.startsWith("/dashboard/"))
                && !LOGIN_RESOURCES.contains(path);
    }

    static ResponseCookie holding(String token, Duration maxAge, HttpServletRequest request) {
        return base(token, request).maxAge(maxAge).build();
    }

    static ResponseCookie cleared(HttpServletRequest request) {
        return base("", request).maxAge(Duration.ZERO).build();
    }

    private static ResponseCookie.ResponseCookieBuilder base(String value, HttpServletRequest request) {
        return ResponseCookie.from(NAME, value)
                .httpOnly(true)
                .sameSite("Strict")
                .secure(isHttps(request))
                .path("/");
    }

    /** HTTPS directly, or behind a proxy that says so (a spoofed header only makes the cookie stricter). */
    private static boolean isHttps(HttpServletRequest request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }
}
