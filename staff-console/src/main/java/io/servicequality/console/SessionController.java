package io.servicequality.console;

import java.util.List;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is signed in, for the browser to greet them and offer only what their role may do: the staff claims of the ID
 * token (never a token itself). The services decide what a caller may do; this only spares the user buttons that
 * would be refused.
 */
@RestController
class SessionController {

    /**
     * The signed-in user as the console shows them, and the CSRF token for the sign-out form (calls from script send
     * the {@code XSRF-TOKEN} cookie's value in {@code X-XSRF-TOKEN}; this answer also writes that cookie).
     */
    record SignedIn(
            String username,
            String displayName,
            String tenant,
            List<String> roles,
            List<String> branches,
            List<String> regions,
            Csrf csrf) {}

    record Csrf(String parameterName, String headerName, String token) {}

    @GetMapping("/console/session")
    SignedIn session(@AuthenticationPrincipal OidcUser user, CsrfToken csrf) {
        // the services record and compare who acted by the token's subject; the preferred username is for display
        String displayName = user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
        return new SignedIn(
                user.getSubject(),
                displayName,
                user.getClaimAsString("tenant"),
                listClaim(user, "roles").stream()
                        .map(role -> role.toUpperCase(Locale.ROOT))
                        .toList(),
                listClaim(user, "branches"),
                listClaim(user, "regions"),
                new Csrf(csrf.getParameterName(), csrf.getHeaderName(), csrf.getToken()));
    }

    private static List<String> listClaim(OidcUser user, String claim) {
        List<String> values = user.getClaimAsStringList(claim);
        return values == null ? List.of() : List.copyOf(values);
    }
}
