package io.servicequality.reporting.complaint;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.ReplaceOptions;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Repository;

@Repository
class ComplaintStates {

    private final MongoOperations mongo;

    ComplaintStates(MongoOperations mongo) {
        this.mongo = mongo;
    }

    Optional<ComplaintState> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ComplaintState.class));
    }

    /**
     * Replaces the state unless a newer event was applied; events of one complaint arrive in order on one partition,
     * so this guard only matters for a late redelivery.
     */
    void store(ComplaintState state) {
        var notNewer = query(where("_id").is(state.id()).and("lastOccurredAt").lte(state.lastOccurredAt()));
        try {
            mongo.replace(notNewer, state, ReplaceOptions.replaceOptions().upsert());
        } catch (DuplicateKeyException newerStored) {
            // a newer event's state is stored: keep it
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
