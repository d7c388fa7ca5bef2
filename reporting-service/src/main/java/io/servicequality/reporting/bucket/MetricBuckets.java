package io.servicequality.reporting.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.contracts.Granularity;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Repository;

/** The stored buckets. Each write is one conditional upsert of one document: no transaction is needed. */
@Repository
class MetricBuckets {

    private static final String COLLECTION = "metricBuckets";

    private final MongoOperations mongo;

    MetricBuckets(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Stores the bucket unless a revision at least as new is already stored: the stored revision is read by id, and
     * the bucket replaces exactly that revision (compare-and-set on the unique {@code {_id, revision}} index) or is
     * inserted when there is none. Losing a race to another writer re-reads and decides again. Every step is a
     * lookup by an index, never a scan of the collection.
     *
     * @return whether the bucket was written
     */
    boolean storeIfNewer(MetricBucket bucket) {
        return StoredRevisions.storeIfNewer(mongo, COLLECTION, bucket.id(), "revision", bucket.revision(), bucket);
    }

    /** The stored buckets with these ids (those that exist), each read by its id. */
    List<StoredStatistics.Row> byIds(Collection<String> ids) {
        return ids.stream()
                .map(id -> mongo.findById(id, Document.class, COLLECTION))
                .filter(Objects::nonNull)
                .map(document -> StoredStatistics.row(document, "bucketStart", "revision"))
                .toList();
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
