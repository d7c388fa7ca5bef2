package io.servicequality.reporting.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.contracts.Granularity;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Repository;

/** The stored hour buckets, written behind in bulk by {@link WriteBehindBuckets}. */
@Repository
class MetricBuckets {

    static final String COLLECTION = "metricBuckets";

    private final MongoOperations mongo;

    MetricBuckets(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Writes the buckets in one bulk, each replacing exactly the revision the writer last saw stored.
     *
     * @return whether every write went through (see {@link StoredRevisions#writeAll})
     */
    boolean writeAll(List<StoredRevisions.Write> writes) {
        return StoredRevisions.writeAll(mongo, COLLECTION, "revision", writes);
    }

    /** The stored buckets with these ids (those that exist), by id, in one query. */
    Map<String, StoredStatistics.Row> byIds(Collection<String> ids) {
        Map<String, StoredStatistics.Row> rows = new LinkedHashMap<>();
        StoredRevisions.byIds(mongo, COLLECTION, ids)
                .forEach((id, document) -> rows.put(id, StoredStatistics.row(document, "bucketStart", "revision")));
        return rows;
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
        return ScopedQuery.find(
                        mongo,
                        COLLECTION,
                        tenantId,
                        branchIds,
                        where("granularity").is(granularity),
                        "bucketStart",
                        from,
                        to,
                        "revision")
                .stream()
                .map(document -> StoredStatistics.row(document, "bucketStart", "revision"))
                .toList();
    }
}
