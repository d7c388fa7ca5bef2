package io.servicequality.reporting.bucket;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.Topics;
import io.servicequality.reporting.bucket.MetricRollup.Period;
import io.servicequality.reporting.bucket.StoredRevisions.Write;
import io.servicequality.reporting.bucket.StoredStatistics.Row;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The newest revision of every recently touched hour bucket, and the UTC-day and UTC-month roll-ups derived from them,
 * kept in memory; the store is written behind, in bulk, at most every {@code sqp.read-model.flush-interval}.
 *
 * <p>Why this shape: the read model is derived from Kafka and every update is absolute, so the store need not be on the
 * path of an update. An update is compared with the revision in memory (a stale or repeated one costs nothing); a
 * branch-day seen for the first time is read once (its 24 hours, its month's day roll-ups: two queries by id for a
 * whole batch). Roll-ups are recomputed from their sources in memory when they are written or read, so they stay exact
 * sums, never running totals with floating-point drift. A batch's offsets are committed only after the flush that
 * wrote it ({@link #apply} keeps its acknowledgement until then): a crash at any instant loses only what Kafka
 * delivers again, and replaying absolute revisions converges.
 *
 * <p>Views read the store and overlay what is applied but not yet written ({@link #unflushedHours},
 * {@link #unflushedRollups}), so an answer is never older than what this instance has consumed.
 *
 * <p>Every write replaces exactly the revision last seen stored ({@link StoredRevisions}); when another instance wrote
 * meanwhile (during a rebalance), the documents are read again and the newer revision wins, in memory and in the
 * store.
 */
@Component
class WriteBehindBuckets implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(WriteBehindBuckets.class);

    private final MetricBuckets buckets;
    private final MetricRollups rollups;
    private final ReadModelProperties properties;

    /** One flush at a time (the scheduled one, an early one of the consumer, the one at revocation or shutdown). */
    private final ReentrantLock flushing = new ReentrantLock();

    // guarded by this; least recently used first
    private final LinkedHashMap<String, BranchDay> days = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<String, BranchMonth> months = new LinkedHashMap<>();
    private final List<Runnable> acknowledgements = new ArrayList<>();

    WriteBehindBuckets(MetricBuckets buckets, MetricRollups rollups, ReadModelProperties properties) {
        this.buckets = buckets;
        this.rollups = rollups;
        this.properties = properties;
    }

    /**
     * Applies hour buckets in memory; {@code acknowledge} runs once a flush has written them. Buckets of branch-days
     * not in memory are read from the store first (two queries for the whole batch).
     */
    void apply(List<MetricBucket> hours, Runnable acknowledge) {
        boolean flushNow;
        while (true) {
            load(coldDays(hours));
            synchronized (this) {
                // a flush may have dropped a day read just now (only when more days than the cache holds are in
                // play): read it again rather than apply an update to a day whose other hours are not known
                if (!coldDays(hours).isEmpty()) {
                    continue;
                }
                applyLoaded(hours, acknowledge);
                flushNow = unflushedDays() > properties.maxUnflushedDays();
                break;
            }
        }
        if (flushNow) {
            flush();
        }
    }

    /** Guarded by this; every day of {@code hours} is in memory. */
    private void applyLoaded(List<MetricBucket> hours, Runnable acknowledge) {
        for (MetricBucket hour : hours) {
            day(hour.tenantId(), hour.branchId(), TimeRanges.dayOf(hour.bucketStart()))
                    .offer(hour);
        }
        acknowledgements.add(acknowledge);
    }

    /**
     * Recomputes a branch-day's roll-ups from its stored hours, and writes them if they differ (repairs roll-ups
     * missing or stale in the store).
     */
    void reconcile(String tenantId, String branchId, Instant day) {
        load(Set.of(new DayKey(tenantId, branchId, day)));
    }

    @Scheduled(
            fixedDelayString = "${sqp.read-model.flush-interval:5s}",
            initialDelayString = "${sqp.read-model.flush-interval:5s}")
    void scheduledFlush() {
        try {
            flush();
        } catch (RuntimeException storeFailure) {
            log.warn("writing the bucket read model failed; retrying at the next flush: {}", storeFailure.toString());
        }
    }

    /**
     * Writes everything applied and not yet written: hour buckets, then day roll-ups, then month roll-ups; then
     * acknowledges the batches applied before it began. A failure leaves everything unwritten as it was (and not
     * acknowledged), to be written by the next flush. So does a lost compare-and-set: the stored documents are read
     * again, and the batches are acknowledged by the next flush, once what is newer in memory is written.
     */
    void flush() {
        flushing.lock();
        try {
            List<Runnable> covered;
            List<Write> hourWrites = new ArrayList<>();
            List<Write> dayWrites = new ArrayList<>();
            List<Write> monthWrites = new ArrayList<>();
            List<Runnable> markWritten = new ArrayList<>();
            synchronized (this) {
                covered = new ArrayList<>(acknowledgements);
                acknowledgements.clear();
                for (BranchDay day : days.values()) {
                    day.collectWrites(hourWrites, dayWrites, markWritten);
                }
                for (BranchMonth month : months.values()) {
                    month.collectWrites(monthWrites, markWritten);
                }
            }
            try {
                boolean allWritten =
                        buckets.writeAll(hourWrites) & rollups.writeAll(dayWrites) & rollups.writeAll(monthWrites);
                if (!allWritten) {
                    // what was written is not known write by write: the stored revisions read again say it (a failure
                    // here leaves the expected revisions as they were, and the next flush meets the conflict again).
                    // What lost its compare-and-set may still be newer in memory than in the store (the other writer
                    // was this instance's own failed flush, which wrote part of its bulk but could not record it), so
                    // the batches are acknowledged by the next flush, which writes it
                    reconcileWithStore(hourWrites, dayWrites, monthWrites);
                    synchronized (this) {
                        acknowledgements.addAll(0, covered);
                    }
                    return;
                }
                synchronized (this) {
                    markWritten.forEach(Runnable::run);
                }
            } catch (RuntimeException failure) {
                synchronized (this) {
                    acknowledgements.addAll(0, covered);
                }
                throw failure;
            }
            covered.forEach(Runnable::run);
            synchronized (this) {
                evictBeyondCapacity();
            }
        } finally {
            flushing.unlock();
        }
    }

    /**
     * Partitions of the metric topic are taken from this instance: what it applied is written now, so their offsets
     * are committed before another instance takes them over (and reads what this one wrote).
     */
    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.stream().anyMatch(partition -> partition.topic().equals(Topics.METRIC_UPDATED))) {
            try {
                flush();
            } catch (RuntimeException storeFailure) {
                log.warn("could not write the read model before a rebalance; the new owner replays it from Kafka");
            }
        }
    }

    /** Applied hour buckets not yet written, of the scope, starting in [from, to). */
    synchronized List<Row> unflushedHours(String tenantId, Collection<String> branchIds, Instant from, Instant to) {
        List<Row> rows = new ArrayList<>();
        for (BranchDay day : days.values()) {
            if (day.in(tenantId, branchIds)) {
                for (HourSlot hour : day.hours) {
                    if (hour != null && hour.unwritten() && !hour.start.isBefore(from) && hour.start.isBefore(to)) {
                        rows.add(new Row(day.branchId, hour.start, hour.revision, hour.statistics));
                    }
                }
            }
        }
        return rows;
    }

    /** Roll-ups whose current sum is not yet written, of the scope, starting in [from, to). */
    synchronized List<Row> unflushedRollups(
            String tenantId, Collection<String> branchIds, Period period, Instant from, Instant to) {
        List<Row> rows = new ArrayList<>();
        List<Rollup> candidates = new ArrayList<>(period == Period.UTC_DAY ? days.values() : List.of());
        if (period == Period.UTC_MONTH) {
            candidates.addAll(months.values());
        }
        for (Rollup rollup : candidates) {
            if (rollup.in(tenantId, branchIds)
                    && rollup.unwritten()
                    && !rollup.start().isBefore(from)
                    && rollup.start().isBefore(to)) {
                rows.add(new Row(rollup.branchId(), rollup.start(), rollup.revisionSum(), rollup.sum()));
            }
        }
        return rows;
    }

    /** Writes what is pending before the application stops, so a restart has less to replay. */
    @PreDestroy
    void flushBeforeStopping() {
        try {
            flush();
        } catch (RuntimeException storeFailure) {
            log.warn(
                    "could not write the bucket read model before stopping; it is replayed from Kafka at the next start");
        }
    }

    synchronized int unflushedDays() {
        int unflushed = 0;
        for (BranchDay day : days.values()) {
            if (day.unwritten()) {
                unflushed++;
            }
        }
        return unflushed;
    }

    private synchronized Set<DayKey> coldDays(List<MetricBucket> hours) {
        Set<DayKey> cold = new LinkedHashSet<>();
        for (MetricBucket hour : hours) {
            DayKey key = new DayKey(hour.tenantId(), hour.branchId(), TimeRanges.dayOf(hour.bucketStart()));
            if (!days.containsKey(key.id())) {
                cold.add(key);
            }
        }
        return cold;
    }

    /** Reads the days' hour buckets and their months' roll-ups (two queries) and takes them into memory. */
    private void load(Set<DayKey> cold) {
        if (cold.isEmpty()) {
            return;
        }
        Set<String> hourIds = new LinkedHashSet<>();
        Set<String> rollupIds = new LinkedHashSet<>();
        for (DayKey key : cold) {
            for (int h = 0; h < 24; h++) {
                hourIds.add(MetricBucket.idOf(
                        key.tenantId(),
                        key.branchId(),
                        Granularity.HOUR,
                        key.day().plus(h, ChronoUnit.HOURS)));
            }
            Instant month = TimeRanges.floorMonth(key.day());
            rollupIds.add(MetricRollup.idOf(key.tenantId(), key.branchId(), Period.UTC_MONTH, month));
            for (Instant d = month; d.isBefore(TimeRanges.nextMonth(month)); d = d.plus(1, ChronoUnit.DAYS)) {
                rollupIds.add(MetricRollup.idOf(key.tenantId(), key.branchId(), Period.UTC_DAY, d));
            }
        }
        Map<String, Row> storedHours = buckets.byIds(hourIds);
        Map<String, Row> storedRollups = rollups.byIds(rollupIds);
        synchronized (this) {
            for (DayKey key : cold) {
                BranchDay day = day(key.tenantId(), key.branchId(), key.day());
                day.month.adoptStored(storedRollups, rollupIds);
                day.adoptStored(storedHours, hourIds, storedRollups, rollupIds);
            }
        }
    }

    /** After a lost compare-and-set: read what is stored now and keep the newer of it and what is in memory. */
    private void reconcileWithStore(List<Write> hourWrites, List<Write> dayWrites, List<Write> monthWrites) {
        Set<String> hourIds = new LinkedHashSet<>(ids(hourWrites));
        Map<String, Row> storedHours = buckets.byIds(hourIds);
        Set<String> rollupIds = new LinkedHashSet<>(ids(dayWrites));
        rollupIds.addAll(ids(monthWrites));
        Map<String, Row> storedRollups = rollups.byIds(rollupIds);
        synchronized (this) {
            for (BranchDay day : days.values()) {
                day.adoptStored(storedHours, hourIds, storedRollups, rollupIds);
            }
            for (BranchMonth month : months.values()) {
                month.adoptStored(storedRollups, rollupIds);
            }
        }
        log.info(
                "another writer changed {} bucket and roll-up documents meanwhile; the newer revisions were kept",
                storedHours.size() + storedRollups.size());
    }

    private static List<String> ids(List<Write> writes) {
        return writes.stream().map(Write::id).toList();
    }

    /** The branch-day, created empty when absent (with its month). */
    private BranchDay day(String tenantId, String branchId, Instant start) {
        String id = MetricRollup.idOf(tenantId, branchId, Period.UTC_DAY, start);
        BranchDay day = days.get(id);
        if (day == null) {
            Instant monthStart = TimeRanges.floorMonth(start);
            String monthId = MetricRollup.idOf(tenantId, branchId, Period.UTC_MONTH, monthStart);
            BranchMonth month = months.computeIfAbsent(monthId, m -> new BranchMonth(tenantId, branchId, monthStart));
            day = new BranchDay(tenantId, branchId, start, month);
            month.attach(day);
            days.put(id, day);
        }
        return day;
    }

    private void evictBeyondCapacity() {
        Iterator<BranchDay> leastRecentlyUsed = days.values().iterator();
        int excess = days.size() - properties.cachedDays();
        while (excess > 0 && leastRecentlyUsed.hasNext()) {
            BranchDay day = leastRecentlyUsed.next();
            if (!day.unwritten()) {
                leastRecentlyUsed.remove();
                excess--;
                day.month.detach(day);
                if (!day.month.hasDaysInMemory() && !day.month.unwritten()) {
                    months.remove(day.month.id());
                }
            }
        }
    }

    private record DayKey(String tenantId, String branchId, Instant day) {

        String id() {
            return MetricRollup.idOf(tenantId, branchId, Period.UTC_DAY, day);
        }
    }

    /**
     * A roll-up kept in memory: the sum of its sources, recomputed when one changed and it is read or written. Whether
     * it is unwritten is decided from the sources' revisions alone (a few long additions), so that checking it after
     * every batch does not sum statistics.
     */
    private abstract static class Rollup {

        final String tenantId;
        final String branchId;
        final Instant start;
        long storedRevisionSum = StoredRevisions.NONE;
        private BucketStatistics sum;
        private long revisionSum = StoredRevisions.NONE;

        Rollup(String tenantId, String branchId, Instant start) {
            this.tenantId = tenantId;
            this.branchId = branchId;
            this.start = start;
        }

        abstract Period period();

        /** The sources' statistics, oldest first. */
        abstract void sources(List<BucketStatistics> statistics);

        /** The sum of the sources' revisions, or {@link StoredRevisions#NONE} when there is no source. */
        abstract long sourceRevisions();

        String id() {
            return MetricRollup.idOf(tenantId, branchId, period(), start);
        }

        String branchId() {
            return branchId;
        }

        Instant start() {
            return start;
        }

        boolean in(String tenant, Collection<String> branchIds) {
            return tenantId.equals(tenant) && (branchIds == null || branchIds.contains(branchId));
        }

        void sourcesChanged() {
            sum = null;
            revisionSum = StoredRevisions.NONE;
        }

        BucketStatistics sum() {
            if (sum == null) {
                List<BucketStatistics> statistics = new ArrayList<>();
                sources(statistics);
                BucketStatistics total = BucketStatistics.EMPTY;
                for (BucketStatistics each : statistics) {
                    total = total.plus(each);
                }
                sum = total;
            }
            return sum;
        }

        long revisionSum() {
            if (revisionSum == StoredRevisions.NONE) {
                revisionSum = sourceRevisions();
            }
            return revisionSum;
        }

        /** Adds a source's revision to a sum of revisions, either of which may be {@link StoredRevisions#NONE}. */
        static long plus(long revisions, long revision) {
            if (revision == StoredRevisions.NONE) {
                return revisions;
            }
            return revisions == StoredRevisions.NONE ? revision : revisions + revision;
        }

        /** Whether the sum in memory is newer than the stored one (a roll-up without sources is never written). */
        boolean unwritten() {
            long revisions = revisionSum();
            return revisions != StoredRevisions.NONE && revisions > storedRevisionSum;
        }

        void collectWrite(List<Write> writes, List<Runnable> markWritten) {
            if (!unwritten()) {
                return;
            }
            long written = revisionSum();
            MetricRollup rollup = MetricRollup.of(tenantId, branchId, period(), start, written, sum());
            writes.add(new Write(rollup.id(), storedRevisionSum, () -> MetricRollups.document(rollup)));
            markWritten.add(() -> storedRevisionSum = Math.max(storedRevisionSum, written));
        }

        /**
         * Takes the stored revision sum (the compare-and-set's expectation) from a read of the store of the ids
         * {@code queried}: absent from the answer means none is stored.
         */
        void adoptStoredRevisionSum(Map<String, Row> storedRollups, Set<String> queried) {
            String id = id();
            if (queried.contains(id)) {
                Row stored = storedRollups.get(id);
                storedRevisionSum = stored == null ? StoredRevisions.NONE : stored.revision();
            }
        }
    }

    /** A branch's UTC day: its hour buckets and their sum. */
    private static final class BranchDay extends Rollup {

        final HourSlot[] hours = new HourSlot[24];
        final BranchMonth month;

        BranchDay(String tenantId, String branchId, Instant start, BranchMonth month) {
            super(tenantId, branchId, start);
            this.month = month;
        }

        @Override
        Period period() {
            return Period.UTC_DAY;
        }

        void offer(MetricBucket bucket) {
            int index = (int) ChronoUnit.HOURS.between(start, bucket.bucketStart());
            HourSlot slot = hours[index];
            if (slot == null) {
                hours[index] = slot = new HourSlot(bucket.bucketStart());
            }
            if (slot.offer(bucket)) {
                changed();
            }
        }

        /**
         * Takes what a read of the store (of the ids {@code queriedHours} and {@code queriedRollups}) found for this
         * day: the stored revisions, and the content where it is newer than what is in memory.
         */
        void adoptStored(
                Map<String, Row> storedHours,
                Set<String> queriedHours,
                Map<String, Row> storedRollups,
                Set<String> queriedRollups) {
            boolean changed = false;
            for (int h = 0; h < 24; h++) {
                Instant hourStart = start.plus(h, ChronoUnit.HOURS);
                String id = MetricBucket.idOf(tenantId, branchId, Granularity.HOUR, hourStart);
                Row stored = storedHours.get(id);
                if (stored != null) {
                    if (hours[h] == null) {
                        hours[h] = new HourSlot(hourStart);
                    }
                    changed |= hours[h].adoptStored(stored);
                } else if (hours[h] != null && queriedHours.contains(id)) {
                    hours[h].storedRevision = StoredRevisions.NONE;
                }
            }
            adoptStoredRevisionSum(storedRollups, queriedRollups);
            if (changed) {
                changed();
            }
        }

        private void changed() {
            sourcesChanged();
            month.sourcesChanged();
        }

        @Override
        void sources(List<BucketStatistics> statistics) {
            for (HourSlot hour : hours) {
                if (hour != null) {
                    statistics.add(hour.statistics);
                }
            }
        }

        @Override
        long sourceRevisions() {
            long revisions = StoredRevisions.NONE;
            for (HourSlot hour : hours) {
                if (hour != null) {
                    revisions = plus(revisions, hour.revision);
                }
            }
            return revisions;
        }

        @Override
        boolean unwritten() {
            if (super.unwritten()) {
                return true;
            }
            for (HourSlot hour : hours) {
                if (hour != null && hour.unwritten()) {
                    return true;
                }
            }
            return false;
        }

        void collectWrites(List<Write> hourWrites, List<Write> dayWrites, List<Runnable> markWritten) {
            for (HourSlot hour : hours) {
                if (hour != null) {
                    hour.collectWrite(hourWrites, markWritten);
                }
            }
            collectWrite(dayWrites, markWritten);
        }
    }

    /** A branch's UTC month: the sum of its days, those in memory and, for the others, their stored roll-ups. */
    private static final class BranchMonth extends Rollup {

        private final TreeMap<Instant, Row> storedDays = new TreeMap<>();
        private final Map<Instant, BranchDay> daysInMemory = new LinkedHashMap<>();

        BranchMonth(String tenantId, String branchId, Instant start) {
            super(tenantId, branchId, start);
        }

        @Override
        Period period() {
            return Period.UTC_MONTH;
        }

        void attach(BranchDay day) {
            daysInMemory.put(day.start, day);
            sourcesChanged();
        }

        /** The day leaves memory: its (written) sum stands for it from now on. */
        void detach(BranchDay day) {
            daysInMemory.remove(day.start);
            storedDays.put(day.start, new Row(branchId, day.start, day.revisionSum(), day.sum()));
        }

        boolean hasDaysInMemory() {
            return !daysInMemory.isEmpty();
        }

        /** Takes the stored day roll-ups (used for days not in memory) and the stored revision sum of the month. */
        void adoptStored(Map<String, Row> storedRollups, Set<String> queried) {
            for (Instant d = start; d.isBefore(TimeRanges.nextMonth(start)); d = d.plus(1, ChronoUnit.DAYS)) {
                Row stored = storedRollups.get(MetricRollup.idOf(tenantId, branchId, Period.UTC_DAY, d));
                Row known = storedDays.get(d);
                if (stored != null && (known == null || stored.revision() > known.revision())) {
                    storedDays.put(d, stored);
                    sourcesChanged();
                }
            }
            adoptStoredRevisionSum(storedRollups, queried);
        }

        @Override
        void sources(List<BucketStatistics> statistics) {
            TreeMap<Instant, Object> all = new TreeMap<>(storedDays);
            all.putAll(daysInMemory);
            for (Object day : all.values()) {
                statistics.add(day instanceof BranchDay inMemory ? inMemory.sum() : ((Row) day).statistics());
            }
        }

        @Override
        long sourceRevisions() {
            long revisions = StoredRevisions.NONE;
            for (Map.Entry<Instant, Row> stored : storedDays.entrySet()) {
                if (!daysInMemory.containsKey(stored.getKey())) {
                    revisions = plus(revisions, stored.getValue().revision());
                }
            }
            for (BranchDay inMemory : daysInMemory.values()) {
                revisions = plus(revisions, inMemory.revisionSum());
            }
            return revisions;
        }

        void collectWrites(List<Write> monthWrites, List<Runnable> markWritten) {
            collectWrite(monthWrites, markWritten);
        }
    }

    /** One hour bucket: the newest revision known, and the revision known to be stored. */
    private static final class HourSlot {

        final Instant start;
        long revision = StoredRevisions.NONE;
        BucketStatistics statistics = BucketStatistics.EMPTY;
        /** The newest revision as received, while it is not yet written; {@code null} when it came from the store. */
        MetricBucket received;

        long storedRevision = StoredRevisions.NONE;

        HourSlot(Instant start) {
            this.start = start;
        }

        /** Keeps the bucket if it is newer; whether it was. */
        boolean offer(MetricBucket bucket) {
            if (bucket.revision() <= revision) {
                return false;
            }
            revision = bucket.revision();
            statistics = bucket.statistics();
            received = bucket;
            return true;
        }

        /** Takes a stored revision: its content if newer than what is known, and as the stored revision. */
        boolean adoptStored(Row stored) {
            storedRevision = stored.revision();
            if (stored.revision() < revision) {
                return false;
            }
            boolean changed = stored.revision() > revision;
            revision = stored.revision();
            statistics = stored.statistics();
            received = null;
            return changed;
        }

        boolean unwritten() {
            return received != null && revision > storedRevision;
        }

        void collectWrite(List<Write> writes, List<Runnable> markWritten) {
            if (!unwritten()) {
                return;
            }
            MetricBucket bucket = received;
            writes.add(new Write(bucket.id(), storedRevision, () -> MetricBuckets.document(bucket)));
            markWritten.add(() -> storedRevision = Math.max(storedRevision, bucket.revision()));
        }
    }
}
