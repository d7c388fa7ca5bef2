package io.servicequality.security;

import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service adopting the module, as a service would: one rules bean, controllers asking {@link CallerAccess}. */
@SpringBootApplication
class SecuredTestApplication {

    @Bean
    EndpointRules testRules() {
        return rules -> rules.requestMatchers(HttpMethod.GET, "/api/v1/whoami")
                .hasAnyAuthority(
                        Authorities.anyStaff().orScope(Scopes.FEEDBACK_WRITE).toArray())
                .requestMatchers(HttpMethod.POST, "/api/v1/branches/*/things")
                .hasAnyAuthority(Authorities.roles(Role.ADMIN, Role.BRANCH_MANAGER)
                        .orScope(Scopes.FEEDBACK_WRITE)
                        .toArray());
    }

    @RestController
    static class WhoAmI {

        private final CallerAccess access;

        WhoAmI(CallerAccess access) {
            this.access = access;
        }

        @GetMapping("/api/v1/whoami")
        Map<String, Object> whoami() {
            Caller caller = access.current();
            return Map.of(
                    "tenantId", caller.tenantId(),
                    "subject", caller.subject(),
                    "kind", caller.kind().name(),
                    "branchBound", caller.isBranchBound(),
                    "branches", new TreeSet<>(caller.branches()));
        }

        @PostMapping("/api/v1/branches/{branchId}/things")
        Map<String, Object> post(@PathVariable String branchId, @RequestBody Map<String, Object> body) {
            access.requireBranch(branchId);
            return Map.of("branchId", branchId, "tenantId", access.tenantId());
        }

        @GetMapping("/api/v1/unruled")
        String unruled() {
            return "must never be reached";
        }
    }
}
