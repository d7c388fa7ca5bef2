package io.servicequality.reporting.branch;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.Topics;
import io.servicequality.kafka.Outbox;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Repository;

/** The stored branches; every write replaces one document, guarded by the version it was read at. */
@Repository
class Branches implements Outbox<Branch> {

    private final MongoOperations mongo;

    Branches(MongoOperations mongo) {
        this.mongo = mongo;
    }

    Optional<Branch> find(String tenantId, String branchId) {
        return Optional.ofNullable(mongo.findById(Branch.idOf(tenantId, branchId), Branch.class));
    }

    /** Inserts a new branch; a duplicate key (id or code) propagates. */
    void insert(Branch branch) {
        mongo.insert(branch);
    }

    /**
     * Replaces the branch if it is still at {@code expectedVersion}.
     *
     * @return whether it was replaced (false: changed concurrently)
     */
    boolean replace(Branch branch, long expectedVersion) {
        var unchanged = query(where("_id").is(branch.id()).and("version").is(expectedVersion));
        return mongo.replace(unchanged, branch).getMatchedCount() == 1;
    }

    List<Branch> current(String tenantId, String regionId) {
        var criteria = where("tenantId").is(tenantId).and("removed").is(false);
        if (regionId != null) {
            criteria = criteria.and("regionId").is(regionId);
        }
        return mongo.find(query(criteria).with(Sort.by("branchId")), Branch.class);
    }

    /**
     * The current branches that {@code scope} (the caller's tenant and, when branch-bound, its branches) lets through,
     * optionally of one region.
     */
    List<Branch> current(Criteria scope, String regionId) {
        Criteria criteria = where("removed").is(false);
        if (regionId != null) {
            criteria = criteria.and("regionId").is(regionId);
        }
        return mongo.find(query(new Criteria().andOperator(scope, criteria)).with(Sort.by("branchId")), Branch.class);
    }

    /** The branch if {@code scope} lets it through (another tenant's or branch's is simply not found). */
    Optional<Branch> find(Criteria scope, String branchId) {
        return Optional.ofNullable(mongo.findOne(
                query(new Criteria().andOperator(scope, where("branchId").is(branchId))), Branch.class));
    }

    @Override
    public String topic() {
        return Topics.BRANCH_DIRECTORY;
    }

    @Override
    public PlatformEvent eventOf(Branch branch) {
        return branch.toEvent();
    }

    @Override
    public void published(Branch branch) {
        markPublished(branch);
    }

    @Override
    public List<Branch> unpublished(int limit) {
        return mongo.find(
                query(where("unpublished").is(true)).with(Sort.by("changedAt")).limit(limit), Branch.class);
    }

    /** Records the broker's acknowledgement of {@code version}, unless the branch has moved past it or beyond. */
    void markPublished(Branch branch) {
        var atThatVersion = query(where("_id").is(branch.id()).and("version").is(branch.version()));
        mongo.replace(atThatVersion, branch.published(branch.version()));
    }
}
