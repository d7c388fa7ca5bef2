package io.servicequality.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * @param knownTenants the tenants this deployment serves ({@code SQP_KNOWN_TENANTS}): a credential or an event of any
 *     other tenant is refused
 * @param jwt how staff tokens are verified
 * @param corsAllowedOrigins browser origins allowed to call the API ({@code SQP_CORS_ALLOWED_ORIGINS}); empty: none
 * @param topics which compacted topics this service reads into memory
 */
@ConfigurationProperties("sqp.security")
public record PlatformSecurityProperties(
        @DefaultValue("demo") List<String> knownTenants,
        @DefaultValue Jwt jwt,
        @DefaultValue List<String> corsAllowedOrigins,
        @DefaultValue Topics topics,
        @DefaultValue Limits limits) {

    /**
     * An OIDC issuer ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, set from
     * {@code SQP_SECURITY_JWT_ISSUER_URI}: keys from its JWKS, or from
     * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} ({@code SQP_SECURITY_JWT_JWK_SET_URI}) when given;
     * {@code iss} must equal it), a local RSA public key, or both: then a token's {@code iss} says which verifies it.
     *
     * @param issuer the {@code iss} required of locally signed tokens ({@code SQP_SECURITY_JWT_ISSUER})
     * @param publicKeyLocation X.509 PEM of the local signing key ({@code SQP_SECURITY_JWT_PUBLIC_KEY_LOCATION})
     */
    public record Jwt(@DefaultValue("sqp-local") String issuer, Resource publicKeyLocation) {}

    /**
     * @param apiKeys read {@code sqp.api-keys.v1} into the {@link ApiKeyRegistry} (services that accept API keys)
     * @param branchDirectory read {@code sqp.branch-directory.v1} into {@link BranchRegions} (region claims)
     */
    public record Topics(
            @DefaultValue("true") boolean apiKeys,
            @DefaultValue("true") boolean branchDirectory) {}

    /**
     * Limits every caller of a service gets, so one client cannot starve the others ({@link RequestLimitsFilter}).
     *
     * @param enabled apply them to {@code /api/**}
     * @param requestsPerPeriod requests per credential (API key or staff subject) and period across the service's
     *     instances; more → 429 ({@code SQP_RATE_LIMIT_PER_SECOND} with the default period)
     * @param instances how many instances of the service share the load ({@code SQP_INSTANCES}): each admits its share,
     *     {@code requestsPerPeriod / instances} rounded up, with no coordination between them (no store round trip per
     *     request). Behind a load balancer that spreads a credential's requests evenly the quota holds for the service
     *     as a whole; with fewer instances running than declared a credential gets less, with more it gets more
     * @param period the quota's period
     * @param maxBodySize a larger body → 413 ({@code SQP_MAX_BODY_SIZE})
     * @param maxBatchBodySize the ceiling of batch endpoints (paths ending in {@code /batch}), when a service has any
     *     ({@code SQP_MAX_BATCH_BODY_SIZE})
     */
    public record Limits(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1000") int requestsPerPeriod,
            @DefaultValue("1s") Duration period,
            @DefaultValue("1MB") DataSize maxBodySize,
            @DefaultValue("8MB") DataSize maxBatchBodySize,
            @DefaultValue("1") int instances) {

        public Limits {
            if (instances < 1) {
                throw new IllegalArgumentException(
                        "sqp.security.limits.instances must be at least 1, not " + instances);
            }
        }

        /** What one instance admits per period: its share of the service's quota, at least one request. */
        public int requestsPerPeriodPerInstance() {
            return Math.max(1, (requestsPerPeriod + instances - 1) / instances);
        }
    }
}
