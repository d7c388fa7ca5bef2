package io.servicequality.reporting.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.contracts.Granularity;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Repository;

/** The stored hour buckets, written behind in bulk by {@link WriteBehindBuckets}. */
@Repository
class MetricBuckets extends StatisticsCollection {

    static final String COLLECTION = "metricBuckets";

    MetricBuckets(MongoOperations mongo) {
        super(mongo, COLLECTION, "bucketStart", "revision");
    }

    /** The stored form of a bucket: statistics in the shape of the contracts record (as the wire carries them). */
    static Document document(MetricBucket bucket) {
        return new Document("_id", bucket.id())
                .append("tenantId", bucket.tenantId())
                .append("branchId", bucket.branchId())
                .append("granularity", bucket.granularity().name())
                .append("bucketStart", Date.from(bucket.bucketStart()))
                .append("revision", bucket.revision())
                .append("computedAt", bucket.computedAt() == null ? null : Date.from(bucket.computedAt()))
                .append("eventId", bucket.eventId())
                .append("statistics", StoredStatistics.document(bucket.statistics()));
    }

    /**
     * Buckets whose start lies in [from, to), by branch, oldest first; {@code branchIds == null} means every branch of
     * the tenant.
     */
    List<StoredStatistics.Row> startingWithin(
            String tenantId, Collection<String> branchIds, Granularity granularity, Instant from, Instant to) {
        return startingWithin(tenantId, branchIds, where("granularity").is(granularity), from, to);
    }
}
