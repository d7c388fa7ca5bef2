package io.servicequality.scoring.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The bucket documents. Every write is one atomic update of one document. */
@Component
class Buckets {

    private final MongoTemplate mongo;
    private final Clock clock;

    Buckets(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Adds {@code delta} to the bucket unless the record at {@code position} was already applied to it, in one
     * conditional upsert: it matches only while the bucket's offset for the record's partition is absent or lower.
     * When the bucket exists but the guard fails, the upsert tries to insert the same {@code _id} and the store
     * refuses with a duplicate key: the record was applied before.
     *
     * @return {@code true} if applied now, {@code false} if it had been applied already
     */
    boolean apply(BucketId id, BucketStatistics delta, SourcePosition position) {
        String offsetField = "offsets." + position.offsetKey();
        Query notYetApplied = query(where("_id")
                .is(id.value())
                .orOperator(where(offsetField).exists(false), where(offsetField).lt(position.offset())));
        Update update = incrementsOf(delta)
                .inc("revision", 1L)
                .set(offsetField, position.offset())
                .set("dirty", true)
                .set("updatedAt", clock.instant())
                .setOnInsert("tenantId", id.tenantId())
                .setOnInsert("branchId", id.branchId())
                .setOnInsert("granularity", id.granularity())
                .setOnInsert("bucketStart", id.start());
        try {
            mongo.upsert(notYetApplied, update, Bucket.class);
            return true;
        } catch (DuplicateKeyException alreadyApplied) {
            return false;
        }
    }

    /** Buckets with unpublished changes, the longest waiting first. */
    List<Bucket> dirty(int limit) {
        return mongo.find(
                query(where("dirty").is(true)).with(Sort.by("updatedAt", "_id")).limit(limit), Bucket.class);
    }

    /**
     * Clears the dirty flag, but only if no event was applied since {@code publishedRevision} was read; otherwise the
     * bucket stays dirty and its newer revision is published on the next round.
     */
    boolean markPublished(String id, long publishedRevision) {
        return mongo.updateFirst(
                                query(where("_id").is(id).and("revision").is(publishedRevision)),
                                new Update().set("dirty", false),
                                Bucket.class)
                        .getModifiedCount()
                > 0;
    }

    /** The buckets of one branch starting in {@code [from, to)}, in time order. */
    List<Bucket> find(String tenantId, String branchId, Granularity granularity, Instant from, Instant to) {
        return mongo.find(
                query(where("tenantId")
                                .is(tenantId)
                                .and("branchId")
                                .is(branchId)
                                .and("granularity")
                                .is(granularity)
                                .and("bucketStart")
                                .gte(from)
                                .lt(to))
                        .with(Sort.by("bucketStart")),
                Bucket.class);
    }

    /**
     * One {@code $inc} per statistic, at the path the mapping of {@link BucketStatistics} gives it (e.g.
     * {@code statistics.servqual.reliability.expectationSum}), so the document always maps straight back to the record.
     * Zeros are incremented too: every field then exists from the first event on.
     */
    private Update incrementsOf(BucketStatistics delta) {
        Document written = new Document();
        mongo.getConverter().write(delta, written);
        Update update = new Update();
        incrementNumbers("statistics", written, update);
        return update;
    }

    private static void incrementNumbers(String path, Document document, Update update) {
        document.forEach((field, value) -> {
            if (value instanceof Document nested) {
                incrementNumbers(path + "." + field, nested, update);
            } else if (value instanceof Number number) {
                update.inc(path + "." + field, number);
            }
        });
    }
}
