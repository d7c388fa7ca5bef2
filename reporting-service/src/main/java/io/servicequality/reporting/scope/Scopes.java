package io.servicequality.reporting.scope;

import io.servicequality.reporting.branch.BranchDirectory;
import io.servicequality.reporting.branch.BranchDirectory.Entry;
import io.servicequality.security.Caller;
import io.servicequality.security.CallerAccess;
import io.servicequality.security.Role;
import io.servicequality.web.problem.Problems;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * Turns the {@code branchId} / {@code regionId} / {@code zone} request parameters into a {@link Scope} of the caller's
 * tenant. This is where every view's data access is bounded: the read-model queries filter by exactly the tenant and
 * the branch list resolved here, so a branch-bound caller (SPEC §1: branch managers, agents, tokens with branch or
 * region claims) never sums, ranks or lists a branch outside its scope — another branch answers 404, a region or the
 * tenant is narrowed to the caller's branches in it.
 */
@Service
public class Scopes {

    private final BranchDirectory directory;
    private final CallerAccess callers;

    Scopes(BranchDirectory directory, CallerAccess callers) {
        this.directory = directory;
        this.callers = callers;
    }

    /** The tenant of the caller's credential: the only tenant a request reads. */
    public String tenantId() {
        return callers.tenantId();
    }

    /** Who the caller is (its credential's subject): the actor a change made by this request records. */
    public String actor() {
        return callers.current().subject();
    }

    /**
     * For changes to what applies to the whole tenant.
     *
     * @throws org.springframework.security.access.AccessDeniedException for a branch-bound caller (403)
     */
    public void requireWholeTenant(String what) {
        callers.requireWholeTenant(what);
    }

    /**
     * At most one of {@code branchId} and {@code regionId}; neither means the tenant. A branch need not be in the
     * directory (its data is shown anyway, days in UTC); a region must have branches there (that the caller may see).
     */
    public Scope resolve(String branchId, String regionId, String zone) {
        if (branchId != null && regionId != null) {
            throw Problems.validationFailed("regionId", "must not be given together with branchId");
        }
        Caller caller = callers.current();
        String tenantId = caller.tenantId();
        ZoneId requestedZone = zoneOf(zone);
        if (branchId != null) {
            requireId("branchId", branchId);
            if (!caller.mayAccessBranch(branchId)) {
                // the same answer as for a branch without data in another tenant: nothing to see here
                throw Problems.notFound("No branch " + branchId + " is visible to the caller.");
            }
            ZoneId branchZone = directory.timeZoneOf(tenantId, branchId);
            return new Scope(
                    Scope.Level.BRANCH,
                    branchId,
                    null,
                    List.of(branchId),
                    requestedZone != null ? requestedZone : branchZone);
        }
        if (regionId != null) {
            requireId("regionId", regionId);
            List<String> branches = directory.branches(tenantId, regionId).stream()
                    .map(Entry::branchId)
                    .filter(caller::mayAccessBranch)
                    .toList();
            if (branches.isEmpty()) {
                throw Problems.notFound("No branch of region " + regionId + " is in the directory.");
            }
            return new Scope(
                    Scope.Level.REGION,
                    null,
                    regionId,
                    branches,
                    requestedZone != null ? requestedZone : ZoneOffset.UTC,
                    caller.isBranchBound() ? branches : null);
        }
        ZoneId tenantZone = requestedZone != null ? requestedZone : ZoneOffset.UTC;
        if (caller.isBranchBound()) {
            List<String> own = List.copyOf(new TreeSet<>(caller.branches()));
            return new Scope(Scope.Level.TENANT, null, null, own, tenantZone, own);
        }
        return new Scope(Scope.Level.TENANT, null, null, null, tenantZone);
    }

    /**
     * A scope of {@code tenantId} as the whole tenant sees it, for work no caller asked for (scheduled reports): a
     * branch in its own time zone unless {@code zone} is given; a region of the directory's branches (none: empty); the
     * tenant. The zone of a region or the tenant is {@code zone}, else UTC.
     */
    public Scope ofTenant(String tenantId, String branchId, String regionId, String zone) {
        ZoneId requestedZone = zoneOf(zone);
        if (branchId != null) {
            return new Scope(
                    Scope.Level.BRANCH,
                    branchId,
                    null,
                    List.of(branchId),
                    requestedZone != null ? requestedZone : directory.timeZoneOf(tenantId, branchId));
        }
        ZoneId zoneOfScope = requestedZone != null ? requestedZone : ZoneOffset.UTC;
        if (regionId != null) {
            List<String> branches = directory.branches(tenantId, regionId).stream()
                    .map(Entry::branchId)
                    .toList();
            return new Scope(Scope.Level.REGION, null, regionId, branches, zoneOfScope);
        }
        return new Scope(Scope.Level.TENANT, null, null, null, zoneOfScope);
    }

    /**
     * The regions a scope belongs to: a region's own id, a branch's region in the directory (none when the directory
     * does not know it or gives it no region), {@code null} for the whole tenant (every region). For a tenant view
     * narrowed to a caller's branches: the regions of those branches in the directory.
     */
    public List<String> regionsOf(Scope scope) {
        return switch (scope.level()) {
            case REGION -> List.of(scope.regionId());
            case BRANCH ->
                directory
                        .branch(tenantId(), scope.branchId())
                        .map(Entry::regionId)
                        .filter(Objects::nonNull)
                        .map(List::of)
                        .orElse(List.of());
            case TENANT ->
                scope.branchIds() == null
                        ? null
                        : scope.branchIds().stream()
                                .map(branch -> directory.branch(tenantId(), branch))
                                .flatMap(java.util.Optional::stream)
                                .map(Entry::regionId)
                                .filter(Objects::nonNull)
                                .distinct()
                                .sorted()
                                .toList();
        };
    }

    /**
     * The member of staff a staff view is narrowed to: the one asked for ({@code null}: everyone in the scope), or for
     * an agent — a caller whose only reading role is AGENT — always their own staff id, their token's subject (another
     * one answers 404, like anything outside a caller's scope).
     */
    public String visibleStaff(String staffId) {
        if (staffId != null && (staffId.isBlank() || staffId.length() > 128)) {
            throw Problems.validationFailed("staffId", "must be 1-128 characters, not blank");
        }
        Caller caller = callers.current();
        boolean seesAllStaff = caller.roles().stream().anyMatch(role -> role != Role.AGENT);
        if (seesAllStaff || !caller.hasRole(Role.AGENT)) {
            return staffId;
        }
        if (staffId != null && !staffId.equals(caller.subject())) {
            throw Problems.notFound("No member of staff " + staffId + " is visible to the caller.");
        }
        return caller.subject();
    }

    private static void requireId(String parameter, String value) {
        if (value.isBlank() || value.length() > 100) {
            throw Problems.validationFailed(parameter, "must be 1-100 characters, not blank");
        }
    }

    private static ZoneId zoneOf(String zone) {
        if (zone == null) {
            return null;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            throw Problems.validationFailed("zone", "must be an IANA time zone id, e.g. Europe/Berlin");
        }
    }
}
