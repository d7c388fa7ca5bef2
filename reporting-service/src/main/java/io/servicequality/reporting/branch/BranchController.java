package io.servicequality.reporting.branch;

import io.servicequality.security.CallerAccess;
import io.servicequality.security.audit.AuditTrail;
import io.servicequality.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The directory API of the caller's tenant. Reads go through the caller's store filter (a branch-bound caller sees only
 * its branches; anything else is 404); writes (ADMIN, see the access rules) are recorded in the audit trail.
 */
@RestController
@RequestMapping("/api/v1/branches")
class BranchController {

    private final BranchDirectory directory;
    private final CallerAccess callers;
    private final AuditTrail audit;

    BranchController(BranchDirectory directory, CallerAccess callers, AuditTrail audit) {
        this.directory = directory;
        this.callers = callers;
        this.audit = audit;
    }

    @Operation(summary = "The tenant's branches (a branch-bound caller: its own), optionally of one region, by id")
    @GetMapping
    List<BranchResponse> list(@RequestParam(required = false) String regionId) {
        return directory.visible(callers.scope(), regionId).stream()
                .map(BranchResponse::of)
                .toList();
    }

    @Operation(summary = "One branch; 404 when unknown, removed, another tenant's or outside the caller's branches")
    @GetMapping("/{branchId}")
    BranchResponse get(@PathVariable String branchId) {
        return BranchResponse.of(directory.visibleOrNotFound(callers.scope(), branchId));
    }

    @Operation(summary = "Adds a branch (409 if the id or the code is taken); published on sqp.branch-directory.v1")
    @PostMapping
    ResponseEntity<BranchResponse> create(@Valid @RequestBody BranchRequest request) {
        if (request.branchId() == null) {
            throw Problems.validationFailed("branchId", "is required");
        }
        callers.requireBranch(request.branchId());
        Branch created = directory.create(callers.tenantId(), request.branchId(), detailsOf(request));
        BranchResponse after = BranchResponse.of(created);
        audit.record("branch.created", target(created.branchId()), null, after);
        return ResponseEntity.created(URI.create("/api/v1/branches/" + created.branchId()))
                .body(after);
    }

    @Operation(summary = "Changes a branch's code, name, region or time zone")
    @PutMapping("/{branchId}")
    BranchResponse update(@PathVariable String branchId, @Valid @RequestBody BranchRequest request) {
        if (request.branchId() != null && !request.branchId().equals(branchId)) {
            throw Problems.validationFailed("branchId", "must match the path or be left out");
        }
        BranchResponse before = BranchResponse.of(directory.visibleOrNotFound(callers.scope(), branchId));
        BranchResponse after = BranchResponse.of(directory.update(callers.tenantId(), branchId, detailsOf(request)));
        audit.record("branch.changed", target(branchId), before, after);
        return after;
    }

    @Operation(summary = "Removes a branch from the directory (its id and code can be used again)")
    @DeleteMapping("/{branchId}")
    ResponseEntity<Void> remove(@PathVariable @Pattern(regexp = BranchRequest.ID) String branchId) {
        BranchResponse before = BranchResponse.of(directory.visibleOrNotFound(callers.scope(), branchId));
        directory.remove(callers.tenantId(), branchId);
        audit.record("branch.removed", target(branchId), before, null);
        return ResponseEntity.noContent().build();
    }

    private static String target(String branchId) {
        return "branch:" + branchId;
    }

    private static BranchDetails detailsOf(BranchRequest request) {
        String zone = request.timeZone() == null || request.timeZone().isBlank() ? "UTC" : request.timeZone();
        try {
            zone = ZoneId.of(zone).getId();
        } catch (DateTimeException unknown) {
            throw Problems.validationFailed("timeZone", "must be an IANA time zone id, e.g. Europe/Berlin");
        }
        return new BranchDetails(request.code(), request.name(), request.regionId(), zone);
    }
}
