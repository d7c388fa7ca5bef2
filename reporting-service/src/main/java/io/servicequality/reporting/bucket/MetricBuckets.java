package io.servicequality.reporting.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.Granularity;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.ReplaceOptions;
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
     * Stores the bucket unless a revision at least as new is already stored. The filter only matches an older
     * revision; when none matches, the upsert tries to insert the id, and a duplicate key means the stored revision
     * is newer or equal, so there is nothing to do.
     *
     * @return whether the bucket was written
     */
    boolean storeIfNewer(MetricBucket bucket) {
        var olderRevision = query(where("_id").is(bucket.id()).and("revision").lt(bucket.revision()));
        try {
            mongo.replace(olderRevision, bucket, ReplaceOptions.replaceOptions().upsert());
            return true;
        } catch (DuplicateKeyException newerOrEqualRevisionStored) {
            return false;
        }
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
