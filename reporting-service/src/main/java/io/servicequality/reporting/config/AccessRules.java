package io.servicequality.reporting.config;

import static io.servicequality.security.Role.ADMIN;
import static io.servicequality.security.Role.BRANCH_MANAGER;
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
 * Who may call which endpoint: one row per endpoint; anything else is denied. Branch scope and tenant are enforced
 * further in: the views' scope (a branch outside a branch-bound caller's scope is 404, a region or the tenant is
 * narrowed to its branches) and the directory's store queries. {@code GET /api/v1/audit} (ADMIN, QUALITY_MANAGER)
 * comes with the platform-security module. No API keys: every reader here is staff.
 */
@Configuration(proxyBeanMethods = false)
public class AccessRules {

    @Bean
    EndpointRules reportingServiceRules() {
        return rules -> rules
                // views, their CSV, alerts and the live stream: every staff role (within its tenant and branches)
                .requestMatchers(GET, "/api/v1/reports/**", "/api/v1/alerts", "/api/v1/live")
                .hasAnyAuthority(Authorities.anyStaff().toArray())
                // alert handling: everyone reads what they see; managers and admins handle (branch managers only the
                // alerts of their branches, checked by the alert-handling service: 403)
                .requestMatchers(GET, "/api/v1/alerts/handling", "/api/v1/alerts/*/handling")
                .hasAnyAuthority(Authorities.anyStaff().toArray())
                .requestMatchers(
                        POST,
                        "/api/v1/alerts/*/acknowledge",
                        "/api/v1/alerts/*/assign",
                        "/api/v1/alerts/*/link",
                        "/api/v1/alerts/*/resolve")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER, BRANCH_MANAGER)
                        .toArray())
                // the old dashboard's addresses: a redirect to the staff console, which signs staff in itself
                .requestMatchers(GET, "/", "/dashboard", "/dashboard/**")
                .permitAll()
                // the branch directory: everyone reads (branch-bound: their branches); only admins change it
                .requestMatchers(GET, "/api/v1/branches", "/api/v1/branches/*")
                .hasAnyAuthority(Authorities.anyStaff().toArray())
                .requestMatchers(POST, "/api/v1/branches")
                .hasAnyAuthority(Authorities.roles(ADMIN).toArray())
                .requestMatchers(PUT, "/api/v1/branches/*")
                .hasAnyAuthority(Authorities.roles(ADMIN).toArray())
                .requestMatchers(DELETE, "/api/v1/branches/*")
                .hasAnyAuthority(Authorities.roles(ADMIN).toArray())
                // the risk register, matrix, history and model: every staff role reads (branch-bound: its branches)
                .requestMatchers(
                        GET,
                        "/api/v1/risk/register",
                        "/api/v1/risk/matrix",
                        "/api/v1/risk/branches/*/history",
                        "/api/v1/risk/model")
                .hasAnyAuthority(Authorities.anyStaff().toArray())
                // the tenant's risk model: changed by admins and quality managers
                .requestMatchers(PUT, "/api/v1/risk/model")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER).toArray());
    }
}
