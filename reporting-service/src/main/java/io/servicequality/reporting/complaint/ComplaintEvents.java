package io.servicequality.reporting.complaint;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Repository;

@Repository
class ComplaintEvents {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoOperations mongo;

    ComplaintEvents(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Stores each event once, in one unordered bulk insert (a redelivery hits the id and changes nothing). */
    void storeAll(List<ComplaintEventRecord> counted) {
        if (counted.isEmpty()) {
            return;
        }
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, ComplaintEventRecord.class);
        bulk.insert(counted);
        try {
            bulk.execute();
        } catch (BulkOperationException refused) {
            if (!refused.getErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                throw refused;
            }
            // those were stored by an earlier delivery
        }
    }

    /** A count of the scope's events of one kind in a range. */
    record Count(String type, String category, String severity, String department, Boolean withinTarget, long count) {}

    /**
     * The events of the hours starting in [from, to), counted per type, category, severity, department and
     * within-target flag ({@code branchIds == null}: the tenant's).
     */
    List<Count> counts(String tenantId, Collection<String> branchIds, Instant from, Instant to) {
        Criteria criteria = where("tenantId").is(tenantId).and("hour").gte(from).lt(to);
        if (branchIds != null) {
            criteria = criteria.and("branchId").in(branchIds);
        }
        var aggregation = Aggregation.newAggregation(
                Aggregation.match(criteria),
                Aggregation.group("type", "category", "severity", "department", "withinTarget")
                        .count()
                        .as("count"));
        return mongo.aggregate(aggregation, ComplaintEventRecord.class, Document.class).getMappedResults().stream()
                .map(ComplaintEvents::countOf)
                .toList();
    }

    private static Count countOf(Document row) {
        Document id = row.get("_id", Document.class);
        return new Count(
                id.getString("type"),
                id.getString("category"),
                id.getString("severity"),
                id.getString("department"),
                id.getBoolean("withinTarget"),
                ((Number) row.get("count")).longValue());
    }
}
