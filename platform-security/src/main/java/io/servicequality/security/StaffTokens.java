package io.servicequality.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * Staff JWTs: claims {@code sub}, {@code tenant}, {@code roles}, {@code branches}, {@code regions}, {@code iss},
 * {@code exp}. The token is valid when it is signed by the configured key (or issuer), unexpired, from the expected
 * issuer and for a tenant this deployment serves; it becomes a {@link Caller} with the regions resolved to branches.
 */
final class StaffTokens implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String TENANT = "tenant";
    static final String ROLES = "roles";
    static final String BRANCHES = "branches";
    static final String REGIONS = "regions";

    private final BranchRegions regions;

    StaffTokens(BranchRegions regions) {
        this.regions = regions;
    }

    /** Signature is checked by the decoder; these check {@code exp}/{@code nbf}, {@code iss} and {@code tenant}. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, TenantGate tenants) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<String>(TENANT, tenants::isKnown),
                new JwtClaimValidator<Object>(
                        "sub", sub -> sub != null && !sub.toString().isBlank()));
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String tenantId = jwt.getClaimAsString(TENANT);
        Set<Role> roles = strings(jwt, ROLES).stream()
                .map(role -> role.toUpperCase(Locale.ROOT))
                .filter(StaffTokens::isRole)
                .map(Role::valueOf)
                .collect(Collectors.toUnmodifiableSet());
        Set<String> branchClaim = strings(jwt, BRANCHES);
        Set<String> regionClaim = strings(jwt, REGIONS);
        Set<String> resolved = new LinkedHashSet<>(branchClaim);
        resolved.addAll(regions.branchesOf(tenantId, regionClaim));
        return new CallerAuthentication(
                Caller.staff(tenantId, jwt.getSubject(), roles, branchClaim, regionClaim, resolved));
    }

    private static boolean isRole(String name) {
        for (Role role : Role.values()) {
            if (role.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> strings(Jwt jwt, String claim) {
        if (!jwt.hasClaim(claim)) {
            return Set.of();
        }
        List<String> values = jwt.getClaimAsStringList(claim);
        return values == null
                ? Set.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).collect(Collectors.toUnmodifiableSet());
    }
}
