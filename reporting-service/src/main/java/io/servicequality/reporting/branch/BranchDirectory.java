package io.servicequality.reporting.branch;

import io.servicequality.web.problem.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/** Changes the directory (each change stored, then relayed to Kafka) and answers who is where. */
@Service
public class BranchDirectory {

    private final Branches branches;
    private final BranchRelay relay;
    private final Clock clock;

    BranchDirectory(Branches branches, BranchRelay relay, Clock clock) {
        this.branches = branches;
        this.relay = relay;
        this.clock = clock;
    }

    /** A view of one branch for the other features of this service. */
    public record Entry(String branchId, String code, String name, String regionId, ZoneId timeZone) {}

    /** The current branches of the tenant, by id; all of them when {@code regionId} is {@code null}. */
    public List<Entry> branches(String tenantId, String regionId) {
        return branches.current(tenantId, regionId).stream()
                .map(BranchDirectory::entryOf)
                .toList();
    }

    public Optional<Entry> branch(String tenantId, String branchId) {
        return branches.find(tenantId, branchId).filter(b -> !b.removed()).map(BranchDirectory::entryOf);
    }

    /** The branch's time zone, UTC for a branch the directory does not know (SPEC §4). */
    public ZoneId timeZoneOf(String tenantId, String branchId) {
        return branch(tenantId, branchId).map(Entry::timeZone).orElse(ZoneOffset.UTC);
    }

    /** The current branches the caller's {@code scope} lets through (API reads), by id. */
    List<Branch> visible(Criteria scope, String regionId) {
        return branches.current(scope, regionId);
    }

    /** A current branch the caller's {@code scope} lets through; otherwise 404, whoever's it is. */
    Branch visibleOrNotFound(Criteria scope, String branchId) {
        return branches.find(scope, branchId)
                .filter(branch -> !branch.removed())
                .orElseThrow(() -> Problems.notFound("No branch " + branchId + " in the directory."));
    }

    Branch create(String tenantId, String branchId, BranchDetails details) {
        Instant now = clock.instant();
        Optional<Branch> existing = branches.find(tenantId, branchId);
        Branch created;
        try {
            if (existing.isEmpty()) {
                created = Branch.created(tenantId, branchId, details, now);
                branches.insert(created);
            } else if (existing.get().removed()) {
                created = existing.get().recreated(details, now);
                replaceOrConflict(created, existing.get().version());
            } else {
                throw Problems.conflict("branchId", "a branch with this id exists");
            }
        } catch (DuplicateKeyException duplicate) {
            throw duplicateOf(tenantId, branchId);
        }
        relay.publishSoon(created);
        return created;
    }

    Branch update(String tenantId, String branchId, BranchDetails details) {
        Branch current = currentOrNotFound(tenantId, branchId);
        Branch updated = current.updated(details, clock.instant());
        try {
            replaceOrConflict(updated, current.version());
        } catch (DuplicateKeyException duplicateCode) {
            throw Problems.conflict("code", "another branch has this code");
        }
        relay.publishSoon(updated);
        return updated;
    }

    void remove(String tenantId, String branchId) {
        Branch current = currentOrNotFound(tenantId, branchId);
        Branch removed = current.removed(clock.instant());
        replaceOrConflict(removed, current.version());
        relay.publishSoon(removed);
    }

    Branch currentOrNotFound(String tenantId, String branchId) {
        return branches.find(tenantId, branchId)
                .filter(branch -> !branch.removed())
                .orElseThrow(() -> Problems.notFound("No branch " + branchId + " in the directory."));
    }

    private void replaceOrConflict(Branch branch, long expectedVersion) {
        if (!branches.replace(branch, expectedVersion)) {
            throw Problems.conflict("branchId", "the branch was changed concurrently; read it again");
        }
    }

    private ErrorResponseException duplicateOf(String tenantId, String branchId) {
        return branches.find(tenantId, branchId).filter(b -> !b.removed()).isPresent()
                ? Problems.conflict("branchId", "a branch with this id exists")
                : Problems.conflict("code", "another branch has this code");
    }

    private static Entry entryOf(Branch branch) {
        return new Entry(
                branch.branchId(), branch.publicCode(), branch.name(), branch.regionId(), ZoneId.of(branch.timeZone()));
    }
}
