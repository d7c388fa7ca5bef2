package io.servicequality.scoring.quality;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.bulk.BulkWriteError;
import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.MetricUpdated;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The hour statistics per branch, kept at the highest revision seen: applying an update twice changes nothing.
 *
 * <p>Reads and writes select by {@code _id} (hour ids are computed from branch and hour) or by {@code _id} and {@code
 * revision} (a unique index): the embedded store uses no other index, and any other filter would read every hour of
 * every branch.
 */
@Component
class MetricHistory {

    private static final int DUPLICATE_KEY = 11000;
    private static final int MAX_ATTEMPTS = 10;

    /** Up to this many hours a range is read by computed ids; longer ranges are searched. */
    private static final long MAX_HOURS_BY_ID = 31L * 24;

    private static final int ID_CHUNK = 2000;

    private final MongoTemplate mongo;

    MetricHistory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return whether the update was newer than what was stored */
    boolean apply(MetricUpdated update) {
        return !applyAll(List.of(update)).isEmpty();
    }

    /**
     * Stores every hour update that is newer than the stored revision (one read of the stored revisions, one bulk of
     * compare-and-set upserts, the rare collision retried alone) and moves each branch's latest hour forward.
     *
     * @return the branches ({@code [tenantId, branchId]}) with at least one newer hour
     */
    Set<List<String>> applyAll(Collection<MetricUpdated> hourUpdates) {
        Map<String, MetricUpdated> newest = new LinkedHashMap<>();
        for (MetricUpdated update : hourUpdates) {
            newest.merge(
                    HourStatistics.idOf(update.tenantId(), update.branchId(), update.bucketStart()),
                    update,
                    (a, b) -> a.revision() >= b.revision() ? a : b);
        }
        Set<List<String>> touched = new LinkedHashSet<>();
        if (newest.isEmpty()) {
            return touched;
        }
        Map<String, Long> stored = revisionsOf(newest.keySet());
        List<String> ids = new ArrayList<>();
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, HourStatistics.class);
        newest.forEach((id, update) -> {
            long before = stored.getOrDefault(id, 0L);
            if (update.revision() > before) {
                bulk.upsert(guard(id, before), absolute(update));
                ids.add(id);
            }
        });
        if (ids.isEmpty()) {
            return touched;
        }
        Set<String> collided = new HashSet<>();
        try {
            bulk.execute();
        } catch (BulkOperationException partlyRefused) {
            for (BulkWriteError error : partlyRefused.getErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw partlyRefused;
                }
                collided.add(ids.get(error.getIndex()));
            }
        }
        Map<String, Instant> latest = new HashMap<>();
        for (String id : ids) {
            MetricUpdated update = newest.get(id);
            if (!collided.contains(id) || applyAlone(id, update)) {
                touched.add(List.of(update.tenantId(), update.branchId()));
                latest.merge(
                        LatestHour.idOf(update.tenantId(), update.branchId()),
                        update.bucketStart(),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        var latestBulk = mongo.bulkOps(BulkMode.UNORDERED, LatestHour.class);
        latest.forEach(
                (id, hour) -> latestBulk.upsert(query(where("_id").is(id)), new Update().max("bucketStart", hour)));
        latestBulk.execute();
        return touched;
    }

    private boolean applyAlone(String id, MetricUpdated update) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long before = revisionsOf(List.of(id)).getOrDefault(id, 0L);
            if (update.revision() <= before) {
                return false;
            }
            try {
                var result = mongo.upsert(guard(id, before), absolute(update), HourStatistics.class);
                if (result.getMatchedCount() > 0 || result.getUpsertedId() != null) {
                    return true;
                }
            } catch (DuplicateKeyException concurrentWriter) {
                // read again and retry
            }
        }
        throw new OptimisticLockingFailureException("hour statistics " + id + " kept changing");
    }

    /** Matches the document while its revision is {@code revision} (0: while it does not exist). */
    private static Query guard(String id, long revision) {
        return query(where("_id").is(id).and("revision").is(revision));
    }

    private static Update absolute(MetricUpdated update) {
        return new Update()
                .set("tenantId", update.tenantId())
                .set("branchId", update.branchId())
                .set("bucketStart", update.bucketStart())
                .set("revision", update.revision())
                .set("statistics", update.statistics());
    }

    private Map<String, Long> revisionsOf(Collection<String> ids) {
        Query query = query(where("_id").in(ids));
        query.fields().include("revision");
        Map<String, Long> revisions = new HashMap<>();
        for (Document document : mongo.find(query, Document.class, HourStatistics.COLLECTION)) {
            Number revision = document.get("revision", Number.class);
            revisions.put(document.getString("_id"), revision == null ? 0 : revision.longValue());
        }
        return revisions;
    }

    /** The hours of one branch starting in {@code [from, to)}, in time order. */
    List<HourStatistics> between(String tenantId, String branchId, Instant from, Instant to) {
        Instant first = from.truncatedTo(ChronoUnit.HOURS);
        if (first.isBefore(from)) {
            first = first.plus(Duration.ofHours(1));
        }
        if (Duration.between(first, to).toHours() > MAX_HOURS_BY_ID) {
            return mongo.find(
                    query(where("tenantId")
                                    .is(tenantId)
                                    .and("branchId")
                                    .is(branchId)
                                    .and("bucketStart")
                                    .gte(from)
                                    .lt(to))
                            .with(Sort.by("bucketStart")),
                    HourStatistics.class);
        }
        List<String> ids = new ArrayList<>();
        for (Instant hour = first; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            ids.add(HourStatistics.idOf(tenantId, branchId, hour));
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(query(where("_id").in(ids)).with(Sort.by("bucketStart")), HourStatistics.class);
    }

    /** The start of the branch's latest hour with statistics. */
    Optional<Instant> latestHour(String tenantId, String branchId) {
        return Optional.ofNullable(mongo.findById(LatestHour.idOf(tenantId, branchId), LatestHour.class))
                .map(LatestHour::bucketStart);
    }

    /** The latest hour with statistics of each of these branches that has one. */
    Map<String, Instant> latestHours(String tenantId, Collection<String> branchIds) {
        List<String> ids = branchIds.stream()
                .map(branch -> LatestHour.idOf(tenantId, branch))
                .toList();
        Map<String, Instant> latest = new HashMap<>();
        if (ids.isEmpty()) {
            return latest;
        }
        String prefix = tenantId + ":";
        for (LatestHour hour : mongo.find(query(where("_id").in(ids)), LatestHour.class)) {
            latest.put(hour.id().substring(prefix.length()), hour.bucketStart());
        }
        return latest;
    }

    /** Every branch of the tenant with statistics (one small document per branch). */
    List<String> branchesWithHours(String tenantId) {
        String prefix = tenantId + ":";
        return mongo.findAll(LatestHour.class).stream()
                .map(LatestHour::id)
                .filter(id -> id.startsWith(prefix))
                .map(id -> id.substring(prefix.length()))
                .sorted()
                .toList();
    }

    /**
     * The hours starting in {@code [from, to)} of several branches, each hour merged over them, in time order (read by
     * computed ids, in chunks).
     */
    List<HourStatistics> mergedHours(String tenantId, Collection<String> branchIds, Instant from, Instant to) {
        Instant first = from.truncatedTo(ChronoUnit.HOURS);
        if (first.isBefore(from)) {
            first = first.plus(Duration.ofHours(1));
        }
        List<String> ids = new ArrayList<>();
        for (Instant hour = first; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            for (String branch : branchIds) {
                ids.add(HourStatistics.idOf(tenantId, branch, hour));
            }
        }
        Map<Instant, BucketStatistics> merged = new java.util.TreeMap<>();
        for (int start = 0; start < ids.size(); start += ID_CHUNK) {
            List<String> chunk = ids.subList(start, Math.min(ids.size(), start + ID_CHUNK));
            for (HourStatistics hour : mongo.find(query(where("_id").in(chunk)), HourStatistics.class)) {
                merged.merge(hour.bucketStart(), hour.statistics(), BucketStatistics::plus);
            }
        }
        List<HourStatistics> hours = new ArrayList<>();
        merged.forEach((hour, statistics) -> hours.add(new HourStatistics(null, tenantId, null, hour, 0, statistics)));
        return hours;
    }

    /** The statistics of {@code [from, to)}, merged. */
    BucketStatistics merged(String tenantId, String branchId, Instant from, Instant to) {
        return between(tenantId, branchId, from, to).stream()
                .map(HourStatistics::statistics)
                .reduce(BucketStatistics.EMPTY, BucketStatistics::plus);
    }
}
