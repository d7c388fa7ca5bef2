package io.servicequality.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * @param knownTenants the tenants this deployment serves ({@code SQP_KNOWN_TENANTS}): a credential or an event of any
 *     other tenant is refused
 * @param jwt how staff tokens are verified
 * @param corsAllowedOrigins browser origins allowed to call the API ({@code SQP_CORS_ALLOWED_ORIGINS}); empty: none
 * @param json limits on request JSON
 * @param topics which compacted topics this service reads into memory
 */
@ConfigurationProperties("sqp.security")
public record PlatformSecurityProperties(
        @DefaultValue("demo") List<String> knownTenants,
        @DefaultValue Jwt jwt,
        @DefaultValue List<String> corsAllowedOrigins,
        @DefaultValue Json json,
        @DefaultValue Topics topics,
        @DefaultValue Limits limits) {

    /**
     * Either an OIDC issuer ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, set from
     * {@code SQP_SECURITY_JWT_ISSUER_URI}: keys from its JWKS, {@code iss} must equal it), or a local RSA public key.
     *
     * @param issuer the {@code iss} required of locally signed tokens ({@code SQP_SECURITY_JWT_ISSUER})
     * @param publicKeyLocation X.509 PEM of the local signing key ({@code SQP_SECURITY_JWT_PUBLIC_KEY_LOCATION})
     */
    public record Jwt(@DefaultValue("sqp-local") String issuer, Resource publicKeyLocation) {}

    /**
     * @param maxNestingDepth deeper request JSON is refused with 400
     * @param maxStringLength longer JSON strings are refused with 400
     */
    public record Json(
            @DefaultValue("32") int maxNestingDepth,
            @DefaultValue("100000") int maxStringLength) {}

    /**
     * @param apiKeys read {@code sqp.api-keys.v1} into the {@link ApiKeyRegistry} (services that accept API keys)
     * @param branchDirectory read {@code sqp.branch-directory.v1} into {@link BranchRegions} (region claims)
     */
    public record Topics(
            @DefaultValue("true") boolean apiKeys,
            @DefaultValue("true") boolean branchDirectory) {}

    /**
     * Limits every caller of a service gets, so one client cannot starve the others. A service with limits of its own
     * (feedback-service's ingest admission) turns these off.
     *
     * @param enabled apply {@link RequestLimitsFilter} to {@code /api/**}
     * @param requestsPerSecond requests per second per credential (API key or staff subject); more → 429
     * @param maxBodyBytes a larger declared {@code Content-Length} → 413
     */
    public record Limits(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1000") int requestsPerSecond,
            @DefaultValue("1048576") long maxBodyBytes) {}
}
