package io.servicequality.complaint.config;

import static io.servicequality.security.Role.ADMIN;
import static io.servicequality.security.Role.AGENT;
import static io.servicequality.security.Role.BRANCH_MANAGER;
import static io.servicequality.security.Role.QUALITY_MANAGER;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.servicequality.security.Authorities;
import io.servicequality.security.EndpointRules;
import io.servicequality.security.Scopes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call which endpoint: one row per endpoint. Tenant and branch scope are enforced further in, in the store
 * queries themselves (reads and lifecycle actions: another tenant's or an out-of-scope branch's object is 404) and by
 * {@code CallerAccess.requireBranch} on writes naming a branch (403). {@code GET /api/v1/audit} (ADMIN,
 * QUALITY_MANAGER) comes with the platform-security module. Any other request is denied.
 */
@Configuration(proxyBeanMethods = false)
public class AccessRules {

    static final String COMPLAINT = "/api/v1/complaints/*";

    @Bean
    EndpointRules complaintServiceRules() {
        return rules -> rules
                // opening: staff who take complaints, or an app key with complaints:write
                .requestMatchers(POST, "/api/v1/complaints")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER, BRANCH_MANAGER, AGENT)
                        .orScope(Scopes.COMPLAINTS_WRITE)
                        .toArray())
                // reads (list with counts, CSV, one complaint, its history): every staff role, never app keys
                .requestMatchers(GET, "/api/v1/complaints", COMPLAINT, COMPLAINT + "/history")
                .hasAnyAuthority(Authorities.anyStaff().toArray())
                // lifecycle actions
                .requestMatchers(
                        POST,
                        COMPLAINT + "/acknowledge",
                        COMPLAINT + "/assign",
                        COMPLAINT + "/hold",
                        COMPLAINT + "/resume",
                        COMPLAINT + "/escalate",
                        COMPLAINT + "/resolve",
                        COMPLAINT + "/follow-up",
                        COMPLAINT + "/close",
                        COMPLAINT + "/reopen")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER, BRANCH_MANAGER, AGENT)
                        .toArray())
                // SLA policies and business calendars: read by all staff, changed by ADMIN and QUALITY_MANAGER
                .requestMatchers(GET, "/api/v1/sla-policies", "/api/v1/sla-policies/*")
                .hasAnyAuthority(Authorities.anyStaff().toArray())
                .requestMatchers(PUT, "/api/v1/sla-policies/*")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER).toArray())
                .requestMatchers(DELETE, "/api/v1/sla-policies/*")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER).toArray())
                .requestMatchers(GET, "/api/v1/calendars", "/api/v1/calendars/*")
                .hasAnyAuthority(Authorities.anyStaff().toArray())
                .requestMatchers(PUT, "/api/v1/calendars/*")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER).toArray())
                .requestMatchers(DELETE, "/api/v1/calendars/*")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER).toArray())
                // corrective actions: read by all staff, planned and moved on by managers (branch managers: own
                // branches)
                .requestMatchers(GET, "/api/v1/corrective-actions", "/api/v1/corrective-actions/*")
                .hasAnyAuthority(Authorities.anyStaff().toArray())
                .requestMatchers(POST, "/api/v1/corrective-actions")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER, BRANCH_MANAGER)
                        .toArray())
                .requestMatchers(PATCH, "/api/v1/corrective-actions/*")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER, BRANCH_MANAGER)
                        .toArray())
                .requestMatchers(
                        POST,
                        "/api/v1/corrective-actions/*/start",
                        "/api/v1/corrective-actions/*/check",
                        "/api/v1/corrective-actions/*/evaluate")
                .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER, BRANCH_MANAGER)
                        .toArray())
                // webhook subscriptions and their delivery log: admins only (an endpoint and its secret decide where
                // the tenant's events leave the platform)
                .requestMatchers(GET, "/api/v1/webhooks", "/api/v1/webhooks/*")
                .hasAnyAuthority(Authorities.roles(ADMIN).toArray())
                .requestMatchers(POST, "/api/v1/webhooks", "/api/v1/webhooks/*/rotate-secret")
                .hasAnyAuthority(Authorities.roles(ADMIN).toArray())
                .requestMatchers(PUT, "/api/v1/webhooks/*")
                .hasAnyAuthority(Authorities.roles(ADMIN).toArray())
                .requestMatchers(DELETE, "/api/v1/webhooks/*")
                .hasAnyAuthority(Authorities.roles(ADMIN).toArray())
                .requestMatchers(GET, "/api/v1/webhook-deliveries")
                .hasAnyAuthority(Authorities.roles(ADMIN).toArray())
                .requestMatchers(POST, "/api/v1/webhook-deliveries/*/redeliver")
                .hasAnyAuthority(Authorities.roles(ADMIN).toArray());
    }
}
