package io.servicequality.reporting.scope;

import io.servicequality.reporting.branch.BranchDirectory;
import io.servicequality.reporting.branch.BranchDirectory.Entry;
import io.servicequality.reporting.problem.InvalidRequestParameterException;
import io.servicequality.reporting.problem.NotFoundException;
import io.servicequality.reporting.tenant.TenantProperties;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Service;

/** Turns the {@code branchId} / {@code regionId} / {@code zone} request parameters into a {@link Scope}. */
@Service
public class Scopes {

    private final BranchDirectory directory;
    private final TenantProperties tenant;

    Scopes(BranchDirectory directory, TenantProperties tenant) {
        this.directory = directory;
        this.tenant = tenant;
    }

    public String tenantId() {
        return tenant.tenantId();
    }

    /**
     * At most one of {@code branchId} and {@code regionId}; neither means the tenant. A branch need not be in the
     * directory (its data is shown anyway, days in UTC); a region must have branches there.
     */
    public Scope resolve(String branchId, String regionId, String zone) {
        if (branchId != null && regionId != null) {
            throw new InvalidRequestParameterException("regionId", "must not be given together with branchId");
        }
        ZoneId requestedZone = zoneOf(zone);
        if (branchId != null) {
            requireId("branchId", branchId);
            ZoneId branchZone = directory.timeZoneOf(tenant.tenantId(), branchId);
            return new Scope(
                    Scope.Level.BRANCH,
                    branchId,
                    null,
                    List.of(branchId),
                    requestedZone != null ? requestedZone : branchZone);
        }
        if (regionId != null) {
            requireId("regionId", regionId);
            List<String> branches = directory.branches(tenant.tenantId(), regionId).stream()
                    .map(Entry::branchId)
                    .toList();
            if (branches.isEmpty()) {
                throw new NotFoundException("No branch of region " + regionId + " is in the directory.");
            }
            return new Scope(
                    Scope.Level.REGION,
                    null,
                    regionId,
                    branches,
                    requestedZone != null ? requestedZone : ZoneOffset.UTC);
        }
        return new Scope(Scope.Level.TENANT, null, null, null, requestedZone != null ? requestedZone : ZoneOffset.UTC);
    }

    /**
     * The regions a scope belongs to: a region's own id, a branch's region in the directory (none when the directory
     * does not know it or gives it no region), {@code null} for the tenant (every region).
     */
    public List<String> regionsOf(Scope scope) {
        return switch (scope.level()) {
            case REGION -> List.of(scope.regionId());
            case BRANCH ->
                directory
                        .branch(tenant.tenantId(), scope.branchId())
                        .map(Entry::regionId)
                        .filter(region -> region != null)
                        .map(List::of)
                        .orElse(List.of());
            case TENANT -> null;
        };
    }

    private static void requireId(String parameter, String value) {
        if (value.isBlank() || value.length() > 100) {
            throw new InvalidRequestParameterException(parameter, "must be 1-100 characters, not blank");
        }
    }

    private static ZoneId zoneOf(String zone) {
        if (zone == null) {
            return null;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            throw new InvalidRequestParameterException("zone", "must be an IANA time zone id, e.g. Europe/Berlin");
        }
    }
}
