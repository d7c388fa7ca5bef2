package io.servicequality.reporting.complaint;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Repository;

@Repository
class ComplaintStates {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoOperations mongo;

    ComplaintStates(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** The stored states of these complaints, by id (one query). */
    Map<String, ComplaintState> findAll(Collection<String> ids) {
        Map<String, ComplaintState> found = new HashMap<>();
        mongo.find(query(where("_id").in(ids)), ComplaintState.class).forEach(state -> found.put(state.id(), state));
        return found;
    }

    /**
     * Replaces the states in one unordered bulk, each unless a newer event was applied; events of one complaint arrive
     * in order on one partition, so this guard only matters for a late redelivery.
     */
    void storeAll(Collection<ComplaintState> changed) {
        if (changed.isEmpty()) {
            return;
        }
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, ComplaintState.class);
        changed.forEach(state -> bulk.replaceOne(
                query(where("_id").is(state.id()).and("lastOccurredAt").lte(state.lastOccurredAt())),
                state,
                FindAndReplaceOptions.options().upsert()));
        try {
            bulk.execute();
        } catch (BulkOperationException refused) {
            if (!refused.getErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                throw refused;
            }
            // a newer event's state is stored for those: keep it
        }
    }

    List<ComplaintState> open(String tenantId, Collection<String> branchIds) {
        Criteria criteria = where("tenantId").is(tenantId).and("open").is(true);
        if (branchIds != null) {
            criteria = criteria.and("branchId").in(branchIds);
        }
        return mongo.find(query(criteria).with(Sort.by("resolutionDueAt", "complaintId")), ComplaintState.class);
    }
}
