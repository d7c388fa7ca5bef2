package io.servicequality.reporting.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.reporting.bucket.MetricRollup.Period;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Repository;

/**
 * The stored roll-ups, written behind in bulk by {@link WriteBehindBuckets} like the hour buckets; a roll-up's revision
 * is the sum of its sources' revisions.
 */
@Repository
class MetricRollups extends StatisticsCollection {

    static final String COLLECTION = "metricRollups";

    MetricRollups(MongoOperations mongo) {
        super(mongo, COLLECTION, "start", "revisionSum");
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
        return startingWithin(tenantId, branchIds, where("period").is(period), from, to);
    }
}
