package io.servicequality.feedback.config;

import static io.servicequality.security.Role.ADMIN;
import static io.servicequality.security.Role.AGENT;
import static io.servicequality.security.Role.BRANCH_MANAGER;
import static io.servicequality.security.Role.QUALITY_MANAGER;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import io.servicequality.security.Authorities;
import io.servicequality.security.EndpointRules;
import io.servicequality.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call which endpoint: one row per endpoint. Branch scope and tenant are enforced further in (writes: 403 for
 * another branch; reads: the store query itself). {@code GET /api/v1/audit} (ADMIN, QUALITY_MANAGER) comes with the
 * platform-security module. Any other request is denied.
 */
@Configuration(proxyBeanMethods = false)
public class AccessRules {

    @Bean
    EndpointRules feedbackServiceRules() {
        return rules -> rules
                // writes: staff who record service, or an app key with the matching scope
                .requestMatchers(POST, "/api/v1/feedback", "/api/v1/feedback/batch")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER, BRANCH_MANAGER, AGENT)
                        .orScope(Scopes.FEEDBACK_WRITE)
                        .toArray())
                .requestMatchers(POST, "/api/v1/interactions", "/api/v1/interactions/batch")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER, BRANCH_MANAGER, AGENT)
                        .orScope(Scopes.INTERACTIONS_WRITE)
                        .toArray())
                // reads: every staff role (within its tenant and branches); never app keys
                .requestMatchers(GET, "/api/v1/feedback", "/api/v1/feedback/*")
                .hasAnyAuthority(Authorities.anyStaff().toArray())
                .requestMatchers(GET, "/api/v1/interactions", "/api/v1/interactions/*")
                .hasAnyAuthority(Authorities.anyStaff().toArray())
                // API keys: admins only
                .requestMatchers(POST, "/api/v1/api-keys")
                .hasAnyAuthority(Authorities.roles(ADMIN).toArray())
                .requestMatchers(GET, "/api/v1/api-keys")
                .hasAnyAuthority(Authorities.roles(ADMIN).toArray())
                .requestMatchers(DELETE, "/api/v1/api-keys/*")
                .hasAnyAuthority(Authorities.roles(ADMIN).toArray());
    }
}
