package io.servicequality.scoring.config;

import static io.servicequality.security.Role.ADMIN;
import static io.servicequality.security.Role.QUALITY_MANAGER;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.servicequality.security.Authorities;
import io.servicequality.security.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call which endpoint: one row per endpoint, staff only (this service accepts no API keys). Tenant and branch
 * scope are enforced further in, in the store queries themselves: another tenant's or an out-of-scope branch's object
 * is 404, a branch-bound caller sees its branches' and the tenant-wide targets and rules. {@code GET /api/v1/audit}
 * (ADMIN, QUALITY_MANAGER) comes with the platform-security module. Any other request is denied.
 */
@Configuration(proxyBeanMethods = false)
public class AccessRules {

    static final String TARGETS = "/api/v1/targets";
    static final String ALERT_RULES = "/api/v1/alert-rules";

    @Bean
    EndpointRules scoringServiceRules() {
        return rules -> rules
                // bucket statistics, targets, alert rules and attainment: read by every staff role
                .requestMatchers(GET, "/api/v1/buckets")
                .hasAnyAuthority(Authorities.anyStaff().toArray())
                .requestMatchers(GET, TARGETS, TARGETS + "/*", ALERT_RULES, ALERT_RULES + "/*")
                .hasAnyAuthority(Authorities.anyStaff().toArray())
                // targets and alert rules: changed by ADMIN and QUALITY_MANAGER (audited)
                .requestMatchers(POST, TARGETS, ALERT_RULES)
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER).toArray())
                .requestMatchers(PUT, TARGETS + "/*", ALERT_RULES + "/*")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER).toArray())
                .requestMatchers(DELETE, TARGETS + "/*", ALERT_RULES + "/*")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER).toArray());
    }
}
