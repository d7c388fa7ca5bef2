package io.servicequality.reporting.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.reporting.bucket.MetricRollup.Period;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Repository;

/** The stored roll-ups; like the buckets, each write is one conditional upsert of one document. */
@Repository
class MetricRollups {

    private final MongoOperations mongo;

    MetricRollups(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Stores the roll-up unless one computed from sources at least as new is stored (see {@link StoredRevisions}). */
    boolean storeIfNewer(MetricRollup rollup) {
        return StoredRevisions.storeIfNewer(
                mongo, "metricRollups", rollup.id(), "revisionSum", rollup.revisionSum(), rollup);
    }

    /** The stored roll-ups with these ids (those that exist), each read by its id. */
    List<StoredStatistics.Row> byIds(Collection<String> ids) {
        return ids.stream()
                .map(id -> mongo.findById(id, Document.class, "metricRollups"))
                .filter(Objects::nonNull)
                .map(document -> StoredStatistics.row(document, "start", "revisionSum"))
                .toList();
    }

    /** Roll-ups of the period starting in [from, to); {@code branchIds == null} means every branch of the tenant. */
    List<StoredStatistics.Row> startingWithin(
            String tenantId, Collection<String> branchIds, Period period, Instant from, Instant to) {
        return ScopedQuery.find(
                        mongo,
                        "metricRollups",
                        tenantId,
                        branchIds,
                        where("period").is(period),
                        "start",
                        from,
                        to,
                        "revisionSum")
                .stream()
                .map(document -> StoredStatistics.row(document, "start", "revisionSum"))
                .toList();
    }
}
