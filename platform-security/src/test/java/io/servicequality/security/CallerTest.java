package io.servicequality.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;

class CallerTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void branchManagersAndAgentsAreBoundToTheirBranches() {
        Caller manager =
                Caller.staff("t", "bob", Set.of(Role.BRANCH_MANAGER), Set.of("SH-001"), Set.of(), Set.of("SH-001"));
        Caller agentWithoutBranches = Caller.staff("t", "al", Set.of(Role.AGENT), Set.of(), Set.of(), Set.of());

        assertThat(manager.isBranchBound()).isTrue();
        assertThat(manager.mayAccessBranch("SH-001")).isTrue();
        assertThat(manager.mayAccessBranch("SH-002")).isFalse();
        assertThat(agentWithoutBranches.isBranchBound()).isTrue();
        assertThat(agentWithoutBranches.mayAccessBranch("SH-001")).isFalse();
    }

    @Test
    void tenantWideRolesSeeEveryBranchUnlessTheirClaimsNarrowThem() {
        Caller admin = Caller.staff("t", "ada", Set.of(Role.ADMIN), Set.of(), Set.of(), Set.of());
        Caller viewerOfARegion =
                Caller.staff("t", "vic", Set.of(Role.VIEWER), Set.of(), Set.of("north"), Set.of("N-1", "N-2"));
        Caller managerWithBranches =
                Caller.staff("t", "qm", Set.of(Role.QUALITY_MANAGER), Set.of("SH-009"), Set.of(), Set.of("SH-009"));

        assertThat(admin.isBranchBound()).isFalse();
        assertThat(admin.mayAccessBranch("anything")).isTrue();
        assertThat(viewerOfARegion.isBranchBound()).isTrue();
        assertThat(viewerOfARegion.mayAccessBranch("N-2")).isTrue();
        assertThat(viewerOfARegion.mayAccessBranch("S-1")).isFalse();
        assertThat(managerWithBranches.mayAccessBranch("SH-001")).isFalse();
    }

    @Test
    void appKeysAreBoundOnlyWhenTheyHaveBranches() {
        assertThat(Caller.app("t", "k1", Set.of(), Set.of(Scopes.FEEDBACK_WRITE))
                        .isBranchBound())
                .isFalse();
        Caller kiosk = Caller.app("t", "k2", Set.of("SH-001"), Set.of(Scopes.FEEDBACK_WRITE));
        assertThat(kiosk.isBranchBound()).isTrue();
        assertThat(kiosk.mayAccessBranch("SH-002")).isFalse();
        assertThat(kiosk.credentialId()).isEqualTo("t:app:k2");
    }

    @Test
    void theStoreFilterCarriesTheTenantAndForBoundCallersTheirBranches() {
        CallerAccess access = new CallerAccess();
        SecurityContextHolder.getContext()
                .setAuthentication(new CallerAuthentication(
                        Caller.staff("acme", "bob", Set.of(Role.AGENT), Set.of("SH-001"), Set.of(), Set.of("SH-001"))));

        Document bound = access.scope().getCriteriaObject();

        assertThat(bound.getString("tenantId")).isEqualTo("acme");
        assertThat(bound.get("branchId", Document.class).getList("$in", String.class))
                .containsExactly("SH-001");

        SecurityContextHolder.getContext()
                .setAuthentication(new CallerAuthentication(
                        Caller.staff("acme", "ada", Set.of(Role.ADMIN), Set.of(), Set.of(), Set.of())));
        assertThat(access.scope().getCriteriaObject()).isEqualTo(new Document("tenantId", "acme"));
    }
}
