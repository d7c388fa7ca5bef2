package io.servicequality.scoring.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.Granularity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes minute buckets older than {@code sqp.retention.minute-buckets} and event-ledger entries older than {@code
 * sqp.retention.ledger}, in bounded steps: up to {@code batch-size} ids are read, then deleted by id, at most {@code
 * max-batches-per-run} times per collection and run. The embedded store has no TTL (an index is accepted, nothing
 * expires), so this job does it on every store; on a real MongoDB, TTL indexes on {@code bucketStart} (partial, minute
 * buckets only) and {@code firstSeenAt} would do the same.
 *
 * <p>Hour and day buckets are kept. A deleted ledger entry only matters if its event is posted again: the copy is then
 * counted again, which is why the ledger is kept as long as the counted topics retain their records.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final MongoTemplate mongo;
    private final RetentionProperties properties;
    private final Clock clock;
    private final BucketCache cache;

    Retention(MongoTemplate mongo, RetentionProperties properties, Clock clock, BucketCache cache) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        this.cache = cache;
    }

    /** What one run deleted. */
    record Deleted(long minuteBuckets, long ledgerEntries) {}

    @Scheduled(
            initialDelayString = "${sqp.retention.initial-delay:1m}",
            fixedDelayString = "${sqp.retention.interval:1h}")
    void purgeRegularly() {
        purge();
    }

    Deleted purge() {
        Instant now = clock.instant();
        long buckets = deleteInBatches(
                Bucket.COLLECTION,
                where("granularity")
                        .is(Granularity.MINUTE.name())
                        .and("bucketStart")
                        .lt(now.minus(properties.minuteBuckets())));
        long ledger =
                deleteInBatches(LedgerEntry.COLLECTION, where("firstSeenAt").lt(now.minus(properties.ledger())));
        if (buckets + ledger > 0) {
            log.info("retention deleted {} minute buckets and {} ledger entries", buckets, ledger);
        }
        return new Deleted(buckets, ledger);
    }

    private long deleteInBatches(String collection, Criteria expired) {
        long deleted = 0;
        for (int batch = 0; batch < properties.maxBatchesPerRun(); batch++) {
            Query query = query(expired).limit(properties.batchSize());
            query.fields().include("_id");
            List<Object> ids = mongo.find(query, Document.class, collection).stream()
                    .map(document -> document.get("_id"))
                    .toList();
            if (ids.isEmpty()) {
                break;
            }
            deleted += mongo.remove(query(where("_id").in(ids)), collection).getDeletedCount();
            if (collection.equals(Bucket.COLLECTION)) {
                cache.invalidate(ids.stream().map(String::valueOf).toList());
            }
            if (ids.size() < properties.batchSize()) {
                break;
            }
        }
        return deleted;
    }
}
