package io.servicequality.scoring.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.bulk.BulkWriteError;
import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The bucket documents. Every write is one atomic update of one document.
 *
 * <p>Every query and update selects by {@code _id} alone or by {@code _id} and {@code revision} (the unique index
 * {@code id_revision}): the embedded store uses an index only when a query names exactly that index's fields and
 * ignores non-unique indexes, so any other filter would read and decode every bucket.
 */
@Component
class Buckets {

    private static final int DUPLICATE_KEY = 11000;
    private static final int MAX_ATTEMPTS = 10;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final DirtyBuckets dirty;
    private final BucketCache cache;

    Buckets(MongoTemplate mongo, Clock clock, DirtyBuckets dirty, BucketCache cache) {
        this.mongo = mongo;
        this.clock = clock;
        this.dirty = dirty;
        this.cache = cache;
    }

    /** What a bucket holds before a batch: its revision (0 when it does not exist), offsets, statistics. */
    record Stored(long revision, Map<String, Long> offsets, BucketStatistics statistics, long lateEvents) {

        static final Stored ABSENT = new Stored(0, Map.of(), BucketStatistics.EMPTY, 0);
    }

    /** One conditional upsert, the positions whose effect it carries and the bucket as it will be once written. */
    record GuardedUpdate(
            String id, Query guard, Update update, List<SourcePosition> positions, BucketCache.Entry written) {}

    /**
     * Adds each change to its bucket, counting every record at most once per bucket, whatever was applied before: the
     * bucket's stored offset per source partition says which records it already holds (a partition's records are
     * applied in offset order), so only the parts beyond it are summed. Each bucket then gets one compare-and-set
     * upsert setting its statistics to the ones read plus that sum: it matches only while the stored revision is still
     * the one read (every write raises it, so the offsets
     * are unchanged too; a new bucket is matched as revision 0). When another consumer got there first (a rebalance),
     * the upsert collides with the existing {@code _id} and that bucket is read and tried again. The writes go out as
     * one bulk per granularity; every bucket written (even by a bulk that failed half-way) is announced to {@link
     * DirtyBuckets}.
     *
     * @return the positions whose records were added to at least one bucket now
     */
    Set<SourcePosition> applyAll(Collection<BucketChange> changes) {
        Set<SourcePosition> applied = new HashSet<>();
        if (changes.isEmpty()) {
            return applied;
        }
        Map<String, Stored> stored = new HashMap<>();
        List<String> notCached = new ArrayList<>();
        for (BucketChange change : changes) {
            BucketCache.Entry cached = cache.get(change.bucket().value());
            if (cached != null) {
                stored.put(change.bucket().value(), cached.stored());
            } else {
                notCached.add(change.bucket().value());
            }
        }
        if (!notCached.isEmpty()) {
            stored.putAll(storedOf(notCached));
        }
        Map<String, BucketChange> byId = new HashMap<>();
        for (Granularity granularity : Granularity.values()) {
            List<GuardedUpdate> updates = new ArrayList<>();
            for (BucketChange change : changes) {
                if (change.bucket().granularity() == granularity) {
                    byId.put(change.bucket().value(), change);
                    GuardedUpdate update = guardedUpdate(
                            change, stored.getOrDefault(change.bucket().value(), Stored.ABSENT));
                    if (update != null) {
                        updates.add(update);
                    }
                }
            }
            Set<String> collided;
            try {
                collided = write(updates);
            } finally {
                dirty.mark(updates.stream().map(GuardedUpdate::id).toList(), clock.instant());
            }
            for (GuardedUpdate update : updates) {
                if (collided.contains(update.id())) {
                    try {
                        applied.addAll(applyAlone(byId.get(update.id())));
                    } finally {
                        dirty.mark(List.of(update.id()), clock.instant());
                    }
                } else {
                    applied.addAll(update.positions());
                }
            }
        }
        return applied;
    }

    /**
     * Writes the updates as one unordered bulk.
     *
     * @return the ids whose guard no longer held (a concurrent writer changed the offsets)
     */
    Set<String> write(List<GuardedUpdate> updates) {
        if (updates.isEmpty()) {
            return Set.of();
        }
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, Bucket.class);
        updates.forEach(update -> bulk.upsert(update.guard(), update.update()));
        Set<String> collided = new HashSet<>();
        try {
            bulk.execute();
        } catch (BulkOperationException partlyRefused) {
            for (BulkWriteError error : partlyRefused.getErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    cache.invalidate(updates.stream().map(GuardedUpdate::id).toList());
                    throw partlyRefused;
                }
                collided.add(updates.get(error.getIndex()).id());
            }
        } catch (RuntimeException unknownOutcome) {
            cache.invalidate(updates.stream().map(GuardedUpdate::id).toList());
            throw unknownOutcome;
        }
        cache.invalidate(collided);
        for (GuardedUpdate update : updates) {
            if (!collided.contains(update.id())) {
                cache.put(update.written());
            }
        }
        return collided;
    }

    /** One bucket on its own, re-reading its offsets until the compare-and-set holds. */
    private Set<SourcePosition> applyAlone(BucketChange change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            cache.invalidate(List.of(change.bucket().value()));
            Stored stored = storedOf(List.of(change.bucket().value()))
                    .getOrDefault(change.bucket().value(), Stored.ABSENT);
            GuardedUpdate update = guardedUpdate(change, stored);
            if (update == null) {
                return Set.of();
            }
            try {
                mongo.upsert(update.guard(), update.update(), Bucket.class);
                cache.put(update.written());
                return new HashSet<>(update.positions());
            } catch (DuplicateKeyException concurrentWriter) {
                // read again and retry
            } catch (RuntimeException unknownOutcome) {
                cache.invalidate(List.of(update.id()));
                throw unknownOutcome;
            }
        }
        throw new OptimisticLockingFailureException("bucket " + change.bucket().value() + " kept changing");
    }

    /**
     * The update setting the stored statistics plus the parts beyond the stored offsets, guarded by the stored revision; {@code null} when every
     * part is already in the bucket.
     */
    private GuardedUpdate guardedUpdate(BucketChange change, Stored stored) {
        Map<String, Long> storedOffsets = stored.offsets();
        BucketStatistics sum = BucketStatistics.EMPTY;
        long records = 0;
        long late = 0;
        List<SourcePosition> positions = new ArrayList<>();
        Map<String, Long> newOffsets = new TreeMap<>();
        for (BucketChange.Part part : change.parts()) {
            String key = part.position().offsetKey();
            if (part.position().offset() <= storedOffsets.getOrDefault(key, -1L)) {
                continue;
            }
            sum = sum.plus(part.statistics());
            records++;
            late += part.late() ? 1 : 0;
            positions.add(part.position());
            newOffsets.merge(key, part.position().offset(), Math::max);
        }
        if (records == 0) {
            return null;
        }
        BucketId id = change.bucket();
        Criteria guard = where("_id").is(id.value()).and("revision").is(stored.revision());
        BucketStatistics statistics = stored.statistics().plus(sum);
        long revision = stored.revision() + records;
        long lateEvents = stored.lateEvents() + late;
        Instant now = clock.instant();
        // the new absolute statistics as one value: the read revision guards the sum, and one field to set costs the
        // store far less than an increment of each of the ~150 statistics (see the README, "Exactly-once effect")
        Update update = new Update()
                .set("statistics", statistics)
                .set("revision", revision)
                .set("lateEvents", lateEvents)
                .set("dirty", true)
                .set("updatedAt", now)
                .setOnInsert("tenantId", id.tenantId())
                .setOnInsert("branchId", id.branchId())
                .setOnInsert("granularity", id.granularity())
                .setOnInsert("bucketStart", id.start());
        newOffsets.forEach((key, offset) -> update.set("offsets." + key, offset));
        Map<String, Long> offsets = new HashMap<>(storedOffsets);
        offsets.putAll(newOffsets);
        BucketCache.Entry written =
                new BucketCache.Entry(id, new Stored(revision, Map.copyOf(offsets), statistics, lateEvents), now);
        return new GuardedUpdate(id.value(), query(guard), update, positions, written);
    }

    private Map<String, Stored> storedOf(List<String> ids) {
        Map<String, Stored> stored = new HashMap<>();
        for (Bucket bucket : mongo.find(query(where("_id").in(ids)), Bucket.class)) {
            stored.put(
                    bucket.id(),
                    new Stored(bucket.revision(), bucket.offsets(), bucket.statistics(), bucket.lateEvents()));
        }
        return stored;
    }

    /**
     * The ids of every bucket whose changes are not published: one full read of the collection, only for {@link
     * MetricPublisher}'s start-up and its rare recovery rounds.
     */
    List<String> dirtyIds() {
        Query query = query(where("dirty").is(true));
        query.fields().include("_id");
        return mongo.find(query, Document.class, Bucket.COLLECTION).stream()
                .map(document -> document.getString("_id"))
                .toList();
    }

    /** The buckets with these ids (by the {@code _id} index). */
    List<Bucket> byIds(Collection<String> ids) {
        return mongo.find(query(where("_id").in(ids)), Bucket.class);
    }

    /** A bucket revision the broker acknowledged. */
    record Published(String id, long revision) {}

    /**
     * Records the publications and clears the dirty flags, each only if no event was applied since its published
     * revision was read; otherwise the bucket stays dirty and its newer revision is published on a later round. One
     * unordered bulk, each update selecting by {@code _id} and {@code revision}.
     */
    void markPublished(List<Published> published) {
        if (published.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, Bucket.class);
        published.forEach(each -> bulk.updateOne(
                query(where("_id").is(each.id()).and("revision").is(each.revision())),
                new Update().set("dirty", false).set("publishedAt", now)));
        bulk.execute();
    }

    /** The buckets of one branch starting in {@code [from, to)}, in time order. */
    /**
     * @param scope the caller's store filter ({@code CallerAccess.scope()}: tenant and, for a branch-bound caller, its
     *     branches); the request's branch can only narrow it
     */
    List<Bucket> find(Criteria scope, String branchId, Granularity granularity, Instant from, Instant to) {
        return mongo.find(
                query(new Criteria()
                                .andOperator(
                                        scope,
                                        where("branchId")
                                                .is(branchId)
                                                .and("granularity")
                                                .is(granularity)
                                                .and("bucketStart")
                                                .gte(from)
                                                .lt(to)))
                        .with(Sort.by("bucketStart")),
                Bucket.class);
    }

    /**
     * Empties every bucket for a rebuild: statistics, offsets and late counts go, the document stays and its revision
     * rises by one, so that the recomputed statistics are published with higher revisions than anything published
     * before, and a write based on what any instance held before the reset no longer matches its guard.
     */
    long resetAll() {
        cache.clear();
        long emptied = mongo.updateMulti(
                        new Query(),
                        new Update()
                                .unset("statistics")
                                .unset("offsets")
                                .set("lateEvents", 0L)
                                .set("dirty", false)
                                .inc("revision", 1),
                        Bucket.class)
                .getModifiedCount();
        cache.clear();
        return emptied;
    }
}
