package io.servicequality.devauth;

import io.servicequality.devauth.DemoUsers.DemoUser;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the claims platform-security reads into the access token ({@code tenant}, {@code roles}, and {@code branches}
 * or {@code regions} where the user is narrowed to them; {@code sub} is the username, {@code iss} the server's
 * issuer) and into the ID token, so the console can show who signed in without calling an API.
 */
final class StaffClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String TENANT = "tenant";
    static final String ROLES = "roles";
    static final String BRANCHES = "branches";
    static final String REGIONS = "regions";

    private final String tenant;

    StaffClaims(String tenant) {
        this.tenant = tenant;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken =
                OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        String username = context.getPrincipal().getName();
        DemoUser user =
                DemoUsers.find(username).orElseThrow(() -> new IllegalStateException("not a demo user: " + username));
        context.getClaims().claims(claims -> {
            claims.put(TENANT, tenant);
            claims.put(ROLES, user.roles());
            if (!user.branches().isEmpty()) {
                claims.put(BRANCHES, user.branches());
            }
            if (!user.regions().isEmpty()) {
                claims.put(REGIONS, user.regions());
            }
            if (idToken) {
                claims.put(StandardClaimNames.PREFERRED_USERNAME, username);
            }
        });
    }
}
