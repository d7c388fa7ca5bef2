package io.servicequality.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's {@link DefaultBearerTokenResolver}, with a well-formed {@code Authorization: Bearer <token>} header
 * decided without its regular expression.
 *
 * <p>Why: the default matches the header against {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$} (case-insensitive);
 * on a staff token of ~1 KB that match was ~24 % of feedback-service's CPU samples in a JFR at 300 events/s, single
 * posts (docs/benchmarks.md), the same kind of cost as the firewall's header check ({@link RequestFirewall}). A header
 * of exactly that shape yields the same token here; every other request (no header, another scheme, a malformed
 * token, the token as a parameter) is decided by the default itself, so the accepted tokens and the errors are the
 * default's.
 */
final class BearerTokens implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";

    private final BearerTokenResolver defaults = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String token = wellFormedToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        // the default reads no access_token parameter (neither allowed), so a well-formed header is its answer too
        return token != null ? token : defaults.resolve(request);
    }

    /** The token of a header of the form {@code Bearer b64token} (RFC 6750, §2.1), else {@code null}. */
    static String wellFormedToken(String header) {
        if (header == null
                || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        int end = header.length();
        while (end > SCHEME.length() && header.charAt(end - 1) == '=') {
            end--;
        }
        if (end == SCHEME.length()) {
            return null; // padding alone: the default's answer
        }
        for (int i = SCHEME.length(); i < end; i++) {
            if (!isTokenCharacter(header.charAt(i))) {
                return null;
            }
        }
        return header.substring(SCHEME.length());
    }

    private static boolean isTokenCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
