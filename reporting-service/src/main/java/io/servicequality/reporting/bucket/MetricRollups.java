package io.servicequality.reporting.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.reporting.bucket.MetricRollup.Period;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Repository;

/** The stored roll-ups, written behind in bulk by {@link WriteBehindBuckets} like the hour buckets. */
@Repository
class MetricRollups {

    static final String COLLECTION = "metricRollups";

    private final MongoOperations mongo;

    MetricRollups(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Writes the roll-ups in one bulk, each replacing exactly the revision sum the writer last saw stored.
     *
     * @return whether every write went through (see {@link StoredRevisions#writeAll})
     */
    boolean writeAll(List<StoredRevisions.Write> writes) {
        return StoredRevisions.writeAll(mongo, COLLECTION, "revisionSum", writes);
    }

    /** The stored roll-ups with these ids (those that exist), by id, in one query. */
    Map<String, StoredStatistics.Row> byIds(Collection<String> ids) {
        Map<String, StoredStatistics.Row> rows = new LinkedHashMap<>();
        StoredRevisions.byIds(mongo, COLLECTION, ids)
                .forEach((id, document) -> rows.put(id, StoredStatistics.row(document, "start", "revisionSum")));
        return rows;
    }

    /** The stored form of a roll-up. */
    static Document document(MetricRollup rollup) {
        return new Document("_id", rollup.id())
                .append("tenantId", rollup.tenantId())
                .append("branchId", rollup.branchId())
                .append("period", rollup.period().name())
                .append("start", Date.from(rollup.start()))
                .append("revisionSum", rollup.revisionSum())
                .append("statistics", StoredStatistics.document(rollup.statistics()));
    }

    /** Roll-ups of the period starting in [from, to); {@code branchIds == null} means every branch of the tenant. */
    List<StoredStatistics.Row> startingWithin(
            String tenantId, Collection<String> branchIds, Period period, Instant from, Instant to) {
        return ScopedQuery.find(
                        mongo,
                        COLLECTION,
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
