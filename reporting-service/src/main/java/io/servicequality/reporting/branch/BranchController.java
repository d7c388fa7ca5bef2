package io.servicequality.reporting.branch;

import io.servicequality.reporting.problem.InvalidRequestParameterException;
import io.servicequality.reporting.tenant.TenantProperties;
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

@RestController
@RequestMapping("/api/v1/branches")
class BranchController {

    private final BranchDirectory directory;
    private final TenantProperties tenant;

    BranchController(BranchDirectory directory, TenantProperties tenant) {
        this.directory = directory;
        this.tenant = tenant;
    }

    @Operation(summary = "The tenant's branches, optionally of one region, by id")
    @GetMapping
    List<BranchResponse> list(@RequestParam(required = false) String regionId) {
        return directory.branches(tenant.tenantId(), regionId).stream()
                .map(entry -> directory.currentOrNotFound(tenant.tenantId(), entry.branchId()))
                .map(BranchResponse::of)
                .toList();
    }

    @GetMapping("/{branchId}")
    BranchResponse get(@PathVariable String branchId) {
        return BranchResponse.of(directory.currentOrNotFound(tenant.tenantId(), branchId));
    }

    @Operation(summary = "Adds a branch (409 if the id or the code is taken); published on sqp.branch-directory.v1")
    @PostMapping
    ResponseEntity<BranchResponse> create(@Valid @RequestBody BranchRequest request) {
        if (request.branchId() == null) {
            throw new InvalidRequestParameterException("branchId", "is required");
        }
        Branch created = directory.create(tenant.tenantId(), request.branchId(), detailsOf(request));
        return ResponseEntity.created(URI.create("/api/v1/branches/" + created.branchId()))
                .body(BranchResponse.of(created));
    }

    @Operation(summary = "Changes a branch's code, name, region or time zone")
    @PutMapping("/{branchId}")
    BranchResponse update(@PathVariable String branchId, @Valid @RequestBody BranchRequest request) {
        if (request.branchId() != null && !request.branchId().equals(branchId)) {
            throw new InvalidRequestParameterException("branchId", "must match the path or be left out");
        }
        return BranchResponse.of(directory.update(tenant.tenantId(), branchId, detailsOf(request)));
    }

    @DeleteMapping("/{branchId}")
    ResponseEntity<Void> remove(@PathVariable @Pattern(regexp = BranchRequest.ID) String branchId) {
        directory.remove(tenant.tenantId(), branchId);
        return ResponseEntity.noContent().build();
    }

    private static BranchDetails detailsOf(BranchRequest request) {
        String zone = request.timeZone() == null || request.timeZone().isBlank() ? "UTC" : request.timeZone();
        try {
            zone = ZoneId.of(zone).getId();
        } catch (DateTimeException unknown) {
            throw new InvalidRequestParameterException("timeZone", "must be an IANA time zone id, e.g. Europe/Berlin");
        }
        return new BranchDetails(request.code(), request.name(), request.regionId(), zone);
    }
}
