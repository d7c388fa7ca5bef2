package io.servicequality.reporting.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.RatingDistributions;
import io.servicequality.contracts.Granularity;
import io.servicequality.reporting.bucket.MetricRollup.Period;
import io.servicequality.reporting.bucket.StoredRevisions.Write;
import io.servicequality.reporting.bucket.StoredStatistics.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.assertj.core.api.SoftAssertions;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A crash of reporting-service at any instant loses nothing and counts nothing twice. For each seed: a random stream of
 * hour-bucket revisions over a few branches and the days around a month boundary, with duplicates and stale revisions
 * interleaved, is cut into poll batches and consumed as Kafka delivers them: from the last acknowledged (committed)
 * batch on, by instances that flush at random points and crash at random instants — between batches, while reading
 * the store, before, part-way through or after the bulk of hour buckets, day roll-ups or month roll-ups of a flush, or
 * while committing offsets. Each next instance starts with an empty memory over the same store and is delivered again
 * everything after the last acknowledged batch. Store failures the process survives are mixed in (the scheduled flush
 * logs them and the next flush writes again; a batch whose apply failed is delivered again by the container's error
 * handler).
 *
 * <p>Whenever more batches are acknowledged, the store must hold them (a crash at that instant would lose the rest).
 * After a last clean flush, every view of a fresh instance (hours, UTC days, UTC months, ranges across day and month
 * boundaries, per branch, per region, over all branches) and every stored document equal what the newest revision of
 * each hour bucket gives. A failure names its seed and the run's trace; run one seed with {@code -Dcrash.seed=<seed>},
 * more seeds with {@code -Dcrash.runs=<n>}.
 */
class WriteBehindCrashReplayIT {

    private static final String TENANT = "acme";
    private static final long FIRST_SEED = 20_261_101L;
    /** Seeds run; more with {@code -Dcrash.runs=<n>}. */
    private static final int RUNS = Integer.getInteger("crash.runs", 25);

    private static final List<String> CATEGORIES = List.of("billing", "staff", "waiting");
    private static final List<ZoneId> ZONES =
            List.of(ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Chatham"));

    @RegisterExtension
    static final InMemoryStore STORE = new InMemoryStore();

    /** How often each crash point was reached, over all runs (the test explores them, or says it did not). */
    private static final Map<String, AtomicInteger> reached = new ConcurrentHashMap<>();

    private static final AtomicInteger runs = new AtomicInteger();

    @AfterAll
    static void crashPointsWereExplored() {
        System.out.println("crash points reached in " + runs + " runs: " + new TreeMap<>(reached));
        if (runs.get() >= 25) {
            assertThat(reached)
                    .as("crash points reached")
                    .containsKeys(
                            "between batches → crash",
                            "while committing offsets → crash",
                            "reading hour buckets → crash",
                            "writing hour buckets: before the bulk → crash",
                            "writing hour buckets: part-way through the bulk → crash",
                            "writing hour buckets: after the whole bulk → crash",
                            "writing day roll-ups: before the bulk → crash",
                            "writing day roll-ups: part-way through the bulk → crash",
                            "writing day roll-ups: after the whole bulk → crash",
                            "writing month roll-ups: before the bulk → crash",
                            "writing month roll-ups: part-way through the bulk → crash",
                            "writing month roll-ups: after the whole bulk → crash",
                            "writing hour buckets: part-way through the bulk → survived",
                            "writing day roll-ups: part-way through the bulk → survived",
                            "writing month roll-ups: after the whole bulk → survived");
        }
    }

    static LongStream seeds() {
        String only = System.getProperty("crash.seed");
        return only == null ? LongStream.range(FIRST_SEED, FIRST_SEED + RUNS) : LongStream.of(Long.parseLong(only));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aCrashAtAnyInstantLosesNothingAndCountsNothingTwice(long seed) {
        runs.incrementAndGet();
        Random random = new Random(seed);
        MongoTemplate mongo = new MongoTemplate(STORE.client(), "crashreplay" + seed + "x" + System.nanoTime());
        mongo.createCollection(MetricBuckets.COLLECTION);
        mongo.createCollection(MetricRollups.COLLECTION);
        Updates updates = Updates.random(random);
        Delivery delivery = new Delivery(mongo, updates.batches, random);

        try {
            delivery.consumeToTheEnd();
            assertThat(delivery.committed)
                    .as("batches acknowledged after the last flush")
                    .isEqualTo(updates.batches.size());
            SoftAssertions softly = new SoftAssertions();
            viewsOfAFreshInstanceEqualTheReference(
                    softly, updates, ReadModels.over(mongo).views(), random);
            storedDocumentsEqualTheReference(softly, updates, mongo);
            softly.assertAll();
        } catch (AssertionError | RuntimeException failure) {
            throw new AssertionError(
                    "seed " + seed + ": " + updates.describe() + "\n  " + String.join("\n  ", delivery.trace), failure);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the stream

    private record Key(String branch, Instant hour) {}

    /** The updates in the order Kafka holds them, cut into poll batches; and the newest revision of every bucket. */
    private static final class Updates {

        final List<String> branches = new ArrayList<>();
        final Instant monthBoundary;
        final Instant firstHour;
        final Instant lastHour;
        final Map<Key, MetricBucket> newest = new LinkedHashMap<>();
        final List<List<MetricBucket>> batches = new ArrayList<>();
        /** Updates in the log, copies included. */
        int delivered;

        private Updates(Instant monthBoundary, Instant firstHour, Instant lastHour) {
            this.monthBoundary = monthBoundary;
            this.firstHour = firstHour;
            this.lastHour = lastHour;
        }

        static Updates random(Random random) {
            Instant boundary = ZonedDateTime.of(2026, 1 + random.nextInt(12), 1, 0, 0, 0, 0, ZoneOffset.UTC)
                    .toInstant();
            int before = 26 + random.nextInt(24);
            int after = 26 + random.nextInt(30);
            Updates updates = new Updates(
                    boundary, boundary.minus(before, ChronoUnit.HOURS), boundary.plus(after - 1, ChronoUnit.HOURS));
            int branches = 3 + random.nextInt(3);
            List<Deque<MetricBucket>> revisions = new ArrayList<>();
            for (int b = 1; b <= branches; b++) {
                String branch = "B" + b;
                updates.branches.add(branch);
                // hours on both sides of the boundary, then anywhere
                Set<Integer> hours = new TreeSet<>();
                hours.add(-1 - random.nextInt(before));
                hours.add(random.nextInt(after));
                int count = 3 + random.nextInt(7);
                while (hours.size() < count) {
                    hours.add(random.nextInt(before + after) - before);
                }
                for (int hour : hours) {
                    revisions.add(revisionsOf(random, branch, boundary.plus(hour, ChronoUnit.HOURS)));
                }
            }
            for (Deque<MetricBucket> bucket : revisions) {
                bucket.forEach(revision -> updates.newest.merge(
                        new Key(revision.branchId(), revision.bucketStart()),
                        revision,
                        (a, b) -> a.revision() >= b.revision() ? a : b));
            }
            // the buckets' revisions interleaved, each followed now and then by a copy of an earlier update (the same
            // revision again, or by now a stale one)
            List<MetricBucket> log = new ArrayList<>();
            List<Deque<MetricBucket>> remaining = new ArrayList<>(revisions);
            while (!remaining.isEmpty()) {
                Deque<MetricBucket> bucket = remaining.get(random.nextInt(remaining.size()));
                log.add(bucket.poll());
                if (bucket.isEmpty()) {
                    remaining.remove(bucket);
                }
                while (random.nextInt(4) == 0) {
                    log.add(log.get(random.nextInt(log.size())));
                }
            }
            updates.delivered = log.size();
            for (int from = 0; from < log.size(); ) {
                int to = Math.min(log.size(), from + 1 + random.nextInt(7));
                updates.batches.add(List.copyOf(log.subList(from, to)));
                from = to;
            }
            return updates;
        }

        /** 1–5 revisions of one hour bucket, rising, each with other statistics; now and then two swapped. */
        private static Deque<MetricBucket> revisionsOf(Random random, String branch, Instant hour) {
            List<MetricBucket> revisions = new ArrayList<>();
            long revision = random.nextInt(3);
            BucketStatistics previous = null;
            for (int count = 1 + random.nextInt(5); revisions.size() < count; ) {
                revision += 1 + random.nextInt(3);
                BucketStatistics statistics = randomStatistics(random);
                if (statistics.equals(previous)) {
                    continue;
                }
                previous = statistics;
                revisions.add(new MetricBucket(
                        MetricBucket.idOf(TENANT, branch, Granularity.HOUR, hour),
                        TENANT,
                        branch,
                        Granularity.HOUR,
                        hour,
                        revision,
                        hour.plus(revision, ChronoUnit.MINUTES),
                        null,
                        statistics));
            }
            if (revisions.size() > 1 && random.nextInt(5) == 0) {
                int i = random.nextInt(revisions.size() - 1);
                revisions.add(i, revisions.remove(i + 1)); // a newer revision delivered before an older one
            }
            return new ArrayDeque<>(revisions);
        }

        /**
         * Counts and sums; the fractional sums are halves, so every sum of them is exact in any order. The csat answers
         * also make up the csat distribution and, for those given through a channel, that channel's entry.
         */
        private static BucketStatistics randomStatistics(Random random) {
            int answers = random.nextInt(12);
            long satisfied = 0;
            long sum = 0;
            long squares = 0;
            Map<Integer, Long> distribution = new TreeMap<>();
            Map<String, BucketStatistics> byChannel = new TreeMap<>();
            for (int i = 0; i < answers; i++) {
                int score = 1 + random.nextInt(5);
                satisfied += score >= 4 ? 1 : 0;
                sum += score;
                squares += (long) score * score;
                distribution.merge(score, 1L, Long::sum);
                String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
                if (channel != null) {
                    byChannel.merge(
                            channel,
                            new BucketStatistics(
                                    1,
                                    null,
                                    new CsatStatistics(1, score >= 4 ? 1 : 0, score, (long) score * score),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    new RatingDistributions(Map.of(score, 1L), null, null, null),
                                    null),
                            BucketStatistics::plus);
                }
            }
            int opened = random.nextInt(6);
            Map<String, Long> byCategory = new TreeMap<>();
            for (int i = 0; i < opened; i++) {
                byCategory.merge(CATEGORIES.get(random.nextInt(CATEGORIES.size())), 1L, Long::sum);
            }
            int resolved = random.nextInt(5);
            double minutes = 0;
            for (int i = 0; i < resolved; i++) {
                minutes += random.nextInt(2000) / 2.0;
            }
            return new BucketStatistics(
                    answers + random.nextInt(4),
                    null,
                    new CsatStatistics(answers, satisfied, sum, squares),
                    null,
                    null,
                    new ComplaintStatistics(
                            opened, 0, 0, resolved, 0, minutes, null, 0, 0, 0, 0, byCategory, null, null),
                    null,
                    null,
                    new RatingDistributions(distribution, null, null, null),
                    byChannel);
        }

        /** Where an answer came in; {@code null}: it named no channel. */
        private static final List<String> CHANNELS = java.util.Arrays.asList("APP", "PHONE", null);

        String describe() {
            return branches.size() + " branches, " + newest.size() + " hour buckets, " + delivered + " updates in "
                    + batches.size() + " batches, hours " + firstHour + " to " + lastHour;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // delivery, crashes, store failures

    /** The process died (the test's stand-in for kill -9): its memory is lost, nothing of it runs again. */
    private static final class Crash extends RuntimeException {
        Crash(String where) {
            super(where);
        }
    }

    /**
     * Kafka's side: delivers the batches in order from the committed one to the instance alive, and starts a fresh
     * instance over the same store after a crash. Also the store's side: it fails at planned operations.
     */
    private static final class Delivery {

        final MongoTemplate mongo;
        final List<List<MetricBucket>> batches;
        final Random random;
        final ReadModelProperties properties;
        final List<String> trace = new ArrayList<>();

        /** Batches [0, committed) are acknowledged: a new instance is delivered the batches from here. */
        int committed;

        /** {@link #committed} when the store was last checked to hold the acknowledged batches. */
        int checkedCommitted;

        int crashesLeft;
        int commitCrashesLeft;
        int storeFailuresLeft;
        /** Bulk writes until the next failure. */
        int untilStoreFailure;

        String lastStoreFailure;
        ReadModels instance;
        int instances;

        Delivery(MongoTemplate mongo, List<List<MetricBucket>> batches, Random random) {
            this.mongo = mongo;
            this.batches = batches;
            this.random = random;
            this.crashesLeft = 2 + random.nextInt(3);
            this.commitCrashesLeft = random.nextInt(2);
            this.storeFailuresLeft = 3 + random.nextInt(6);
            this.untilStoreFailure = random.nextInt(7);
            // a small cache and early flushes: days leave memory and are read again, and apply flushes itself
            this.properties = random.nextBoolean()
                    ? ReadModels.PROPERTIES
                    : new ReadModelProperties(Duration.ofSeconds(1), 1 + random.nextInt(4), 1 + random.nextInt(4));
            trace.add(
                    "cached days " + properties.cachedDays() + ", max unflushed days " + properties.maxUnflushedDays());
        }

        void consumeToTheEnd() {
            instance = start();
            int position = committed;
            while (position < batches.size()) {
                acknowledgedBatchesAreStored();
                if (crashesLeft > 0 && random.nextInt(10) == 0) {
                    crashesLeft--;
                    crash("between batches");
                    position = committed;
                    continue;
                }
                int batch = position;
                try {
                    instance.writeBehind().apply(batches.get(batch), acknowledgement(batch));
                    trace.add("batch " + batch + " applied");
                    position++;
                    if (random.nextInt(3) == 0) {
                        instance.writeBehind().flush();
                        trace.add("flushed; committed: " + committed);
                    }
                } catch (DataAccessResourceFailureException storeFailure) {
                    if (random.nextBoolean()) {
                        // the scheduled flush logs it and the next one writes again; a failed apply is retried with
                        // the same batch by the container's error handler (position not advanced)
                        reach(lastStoreFailure + " → survived");
                        trace.add("store failure survived: " + storeFailure.getMessage());
                    } else {
                        reach(lastStoreFailure + " → crash");
                        crash("store failure: " + storeFailure.getMessage());
                        position = committed;
                    }
                } catch (Crash crash) {
                    reach(crash.getMessage() + " → crash");
                    crash(crash.getMessage());
                    position = committed;
                }
            }
            // the scheduled flush runs every second: flushes until every batch is acknowledged
            storeFailuresLeft = 0;
            commitCrashesLeft = 0;
            for (int flush = 0; flush < 3 && committed < batches.size(); flush++) {
                instance.writeBehind().flush();
                trace.add("last flush; committed: " + committed);
            }
            acknowledgedBatchesAreStored();
        }

        /**
         * What an acknowledgement promises, checked whenever more batches are acknowledged: they are in the store (a
         * crash from now on loses only what Kafka delivers again). Every hour bucket of the acknowledged batches is
         * stored at its newest acknowledged revision or a newer one, and every day and month roll-up has at least the
         * revision sum of those.
         */
        private void acknowledgedBatchesAreStored() {
            if (committed == checkedCommitted) {
                return;
            }
            checkedCommitted = committed;
            Map<String, MetricBucket> acknowledged = new TreeMap<>();
            for (List<MetricBucket> batch : batches.subList(0, committed)) {
                for (MetricBucket bucket : batch) {
                    acknowledged.merge(bucket.id(), bucket, (a, b) -> a.revision() >= b.revision() ? a : b);
                }
            }
            Map<String, Long> rollups = new TreeMap<>();
            for (MetricBucket bucket : acknowledged.values()) {
                Instant day = TimeRanges.dayOf(bucket.bucketStart());
                rollups.merge(
                        MetricRollup.idOf(TENANT, bucket.branchId(), Period.UTC_DAY, day),
                        bucket.revision(),
                        Long::sum);
                rollups.merge(
                        MetricRollup.idOf(TENANT, bucket.branchId(), Period.UTC_MONTH, TimeRanges.floorMonth(day)),
                        bucket.revision(),
                        Long::sum);
            }
            Map<String, Long> storedHours = storedRevisions(MetricBuckets.COLLECTION, "revision");
            Map<String, Long> storedRollups = storedRevisions(MetricRollups.COLLECTION, "revisionSum");
            List<String> notStored = new ArrayList<>();
            acknowledged.forEach((id, bucket) -> {
                long stored = storedHours.getOrDefault(id, StoredRevisions.NONE);
                if (stored < bucket.revision()) {
                    notStored.add(id + " at revision " + bucket.revision() + " (stored: " + stored + ")");
                }
            });
            rollups.forEach((id, revisionSum) -> {
                long stored = storedRollups.getOrDefault(id, StoredRevisions.NONE);
                if (stored < revisionSum) {
                    notStored.add(id + " at revision sum " + revisionSum + " or more (stored: " + stored + ")");
                }
            });
            if (!notStored.isEmpty()) {
                throw new AssertionError(
                        "batches [0, " + committed + ") are acknowledged, but the store lacks " + notStored);
            }
        }

        private Map<String, Long> storedRevisions(String collection, String revisionField) {
            Map<String, Long> revisions = new TreeMap<>();
            for (Document document :
                    mongo.getCollection(collection).find().projection(new Document(revisionField, 1))) {
                revisions.put(document.getString("_id"), ((Number) document.get(revisionField)).longValue());
            }
            return revisions;
        }

        private ReadModels start() {
            instances++;
            trace.add("instance " + instances + " starts, delivered from batch " + committed);
            return ReadModels.over(new FailingBuckets(this), new FailingRollups(this), properties);
        }

        private void crash(String where) {
            trace.add("CRASH " + where);
            if (where.equals("between batches")) {
                reach("between batches → crash");
            }
            instance = start();
        }

        /** The batch's offset commit; the process may die while committing. */
        private Runnable acknowledgement(int batch) {
            return () -> {
                if (commitCrashesLeft > 0 && random.nextInt(8) == 0) {
                    commitCrashesLeft--;
                    throw new Crash("while committing offsets");
                }
                committed = Math.max(committed, batch + 1);
            };
        }

        /** Whether this bulk write is the planned failure. */
        private boolean writeFailsNow() {
            if (storeFailuresLeft <= 0 || untilStoreFailure-- > 0) {
                return false;
            }
            storeFailuresLeft--;
            untilStoreFailure = random.nextInt(7);
            return true;
        }

        /**
         * Whether this read fails (now and then, and within the same budget): more often when a flush reads the store
         * again after a lost compare-and-set, a rare moment otherwise.
         */
        private boolean readFailsNow(boolean afterLostCompareAndSet) {
            if (storeFailuresLeft <= 0 || random.nextInt(afterLostCompareAndSet ? 3 : 20) > 0) {
                return false;
            }
            storeFailuresLeft--;
            return true;
        }

        /** A bulk of the store: written whole, or only its first writes before the store fails. */
        boolean write(String what, List<Write> writes, Function<List<Write>, Boolean> bulk) {
            if (!writeFailsNow()) {
                return bulk.apply(writes);
            }
            int written = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> writes.size();
                default ->
                    writes.size() < 2 ? random.nextInt(writes.size() + 1) : 1 + random.nextInt(writes.size() - 1);
            };
            if (written > 0) {
                bulk.apply(writes.subList(0, written));
            }
            lastStoreFailure = writes.isEmpty()
                    ? "writing " + what + ": nothing to write"
                    : "writing " + what + ": "
                            + (written == 0
                                    ? "before the bulk"
                                    : written == writes.size() ? "after the whole bulk" : "part-way through the bulk");
            throw new DataAccessResourceFailureException(
                    "store lost writing " + what + " after " + written + " of " + writes.size() + " writes");
        }

        Map<String, Row> read(String what, Supplier<Map<String, Row>> query) {
            boolean afterLostCompareAndSet = StackWalker.getInstance()
                    .walk(frames ->
                            frames.anyMatch(frame -> frame.getMethodName().equals("reconcileWithStore")));
            if (readFailsNow(afterLostCompareAndSet)) {
                lastStoreFailure = "reading " + what + (afterLostCompareAndSet ? " after a lost compare-and-set" : "");
                throw new DataAccessResourceFailureException("store lost " + lastStoreFailure);
            }
            return query.get();
        }
    }

    private static void reach(String point) {
        reached.computeIfAbsent(point, p -> new AtomicInteger()).incrementAndGet();
    }

    private static final class FailingBuckets extends MetricBuckets {

        private final Delivery delivery;

        FailingBuckets(Delivery delivery) {
            super(delivery.mongo);
            this.delivery = delivery;
        }

        @Override
        boolean writeAll(List<Write> writes) {
            return delivery.write("hour buckets", writes, super::writeAll);
        }

        @Override
        Map<String, Row> byIds(Collection<String> ids) {
            return delivery.read("hour buckets", () -> super.byIds(ids));
        }
    }

    private static final class FailingRollups extends MetricRollups {

        private final Delivery delivery;

        FailingRollups(Delivery delivery) {
            super(delivery.mongo);
            this.delivery = delivery;
        }

        @Override
        boolean writeAll(List<Write> writes) {
            String what = writes.isEmpty()
                    ? "roll-ups"
                    : writes.get(0).id().contains("/" + Period.UTC_DAY + "/") ? "day roll-ups" : "month roll-ups";
            return delivery.write(what, writes, super::writeAll);
        }

        @Override
        Map<String, Row> byIds(Collection<String> ids) {
            return delivery.read("roll-ups", () -> super.byIds(ids));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the reference and the checks

    /** A set of branches as the views take it: {@code branchIds == null} is every branch. */
    private record Scope(String name, List<String> branchIds) {

        boolean includes(String branch) {
            return branchIds == null || branchIds.contains(branch);
        }
    }

    private static List<Scope> scopesOf(Updates updates) {
        List<Scope> scopes = new ArrayList<>();
        updates.branches.forEach(branch -> scopes.add(new Scope(branch, List.of(branch))));
        scopes.add(new Scope("region B1+B3", List.of("B1", "B3")));
        scopes.add(new Scope("all branches", null));
        return scopes;
    }

    private static BucketStatistics expected(Updates updates, Scope scope, Instant from, Instant to) {
        BucketStatistics total = BucketStatistics.EMPTY;
        for (MetricBucket bucket : updates.newest.values()) {
            if (scope.includes(bucket.branchId()) && within(bucket.bucketStart(), from, to)) {
                total = total.plus(bucket.statistics());
            }
        }
        return total;
    }

    private static <K> SortedMap<K, BucketStatistics> expectedBy(
            Updates updates, Scope scope, Instant from, Instant to, Function<MetricBucket, K> key) {
        SortedMap<K, BucketStatistics> series = new TreeMap<>();
        for (MetricBucket bucket : updates.newest.values()) {
            if (scope.includes(bucket.branchId()) && within(bucket.bucketStart(), from, to)) {
                series.merge(key.apply(bucket), bucket.statistics(), BucketStatistics::plus);
            }
        }
        return series;
    }

    private static boolean within(Instant start, Instant from, Instant to) {
        return !start.isBefore(from) && start.isBefore(to);
    }

    /**
     * Every view, read by a fresh instance (nothing in memory: the store alone answers), against the reference: the
     * hour series, the UTC-day series and each day's total, each month's total, ranges across day and month
     * boundaries (hour-aligned or not), local-day series of another zone; per branch, per region, over all.
     */
    private static void viewsOfAFreshInstanceEqualTheReference(
            SoftAssertions softly, Updates updates, MetricBucketReadModel views, Random random) {
        Instant firstDay = TimeRanges.dayOf(updates.firstHour);
        Instant endDay = TimeRanges.dayOf(updates.lastHour).plus(1, ChronoUnit.DAYS);
        Instant firstMonth = TimeRanges.floorMonth(updates.firstHour);
        Instant boundary = updates.monthBoundary;
        Instant endMonth = TimeRanges.nextMonth(boundary);
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));

        List<Instant[]> ranges = new ArrayList<>();
        ranges.add(range(boundary.minus(5, ChronoUnit.HOURS), boundary.plus(7, ChronoUnit.HOURS)));
        ranges.add(range(boundary.minus(30, ChronoUnit.HOURS), boundary.plus(29, ChronoUnit.HOURS)));
        ranges.add(range(firstMonth.plus(3, ChronoUnit.HOURS), boundary.plus(26, ChronoUnit.HOURS)));
        ranges.add(range(firstMonth, boundary.plus(26, ChronoUnit.HOURS)));
        ranges.add(range(boundary.minus(1, ChronoUnit.DAYS).plusSeconds(1_234), endMonth));
        ranges.add(range(firstMonth, endMonth));
        ranges.add(range(firstMonth.minus(400, ChronoUnit.DAYS), endMonth.plus(400, ChronoUnit.DAYS)));
        for (int i = 0; i < 6; i++) {
            Instant from = firstDay.minus(1, ChronoUnit.DAYS)
                    .plus(random.nextInt(24 * 6), ChronoUnit.HOURS)
                    .plusSeconds(random.nextBoolean() ? 0 : random.nextInt(3600));
            Instant to = from.plus(1 + random.nextInt(24 * 5), ChronoUnit.HOURS)
                    .plusSeconds(random.nextBoolean() ? 0 : random.nextInt(3600));
            ranges.add(range(from, to));
        }

        for (Scope scope : scopesOf(updates)) {
            softly.assertThat(figures(views.hourly(TENANT, scope.branchIds(), firstDay, endDay)))
                    .as("hourly, %s", scope.name())
                    .isEqualTo(figures(expectedBy(updates, scope, firstDay, endDay, MetricBucket::bucketStart)));
            softly.assertThat(figures(views.daily(TENANT, scope.branchIds(), firstDay, endDay, ZoneOffset.UTC)))
                    .as("daily in UTC, %s", scope.name())
                    .isEqualTo(figures(expectedBy(
                            updates, scope, firstDay, endDay, bucket -> TimeRanges.dayOf(bucket.bucketStart()))));
            Instant localFrom = updates.firstHour.minus(7, ChronoUnit.HOURS);
            Instant localTo = updates.lastHour.plus(9, ChronoUnit.HOURS);
            softly.assertThat(figures(views.daily(TENANT, scope.branchIds(), localFrom, localTo, zone)))
                    .as("daily in %s, %s", zone, scope.name())
                    .isEqualTo(figures(expectedBy(
                            updates,
                            scope,
                            localFrom,
                            localTo,
                            bucket -> bucket.bucketStart()
                                    .atZone(zone)
                                    .toLocalDate()
                                    .atStartOfDay(zone)
                                    .toInstant())));
            for (Instant day = firstDay; day.isBefore(endDay); day = day.plus(1, ChronoUnit.DAYS)) {
                Instant next = day.plus(1, ChronoUnit.DAYS);
                softly.assertThat(new Figures(views.total(TENANT, scope.branchIds(), day, next)))
                        .as("UTC day %s, %s", day, scope.name())
                        .isEqualTo(new Figures(expected(updates, scope, day, next)));
            }
            for (Instant month : List.of(firstMonth, boundary)) {
                Instant next = TimeRanges.nextMonth(month);
                softly.assertThat(new Figures(views.total(TENANT, scope.branchIds(), month, next)))
                        .as("UTC month %s, %s", month, scope.name())
                        .isEqualTo(new Figures(expected(updates, scope, month, next)));
            }
        }
        Scope all = new Scope("all branches", null);
        Scope region = new Scope("region B1+B3", List.of("B1", "B3"));
        for (Instant[] range : ranges) {
            for (Scope scope : List.of(all, region)) {
                softly.assertThat(new Figures(views.total(TENANT, scope.branchIds(), range[0], range[1])))
                        .as("range [%s, %s), %s", range[0], range[1], scope.name())
                        .isEqualTo(new Figures(expected(updates, scope, range[0], range[1])));
            }
            // each branch's total of the range
            softly.assertThat(figures(views.totalsByBranch(TENANT, null, range[0], range[1])))
                    .as("per branch, range [%s, %s)", range[0], range[1])
                    .isEqualTo(figures(expectedBy(updates, all, range[0], range[1], MetricBucket::branchId)));
        }
    }

    /** Statistics compared whole, shown by the fields the stream sets (all of them, when others are set). */
    private record Figures(BucketStatistics statistics) {

        @Override
        public String toString() {
            CsatStatistics csat = statistics.csat();
            ComplaintStatistics complaints = statistics.complaints();
            BucketStatistics shown = new BucketStatistics(
                    statistics.feedbackCount(),
                    null,
                    csat,
                    null,
                    null,
                    new ComplaintStatistics(
                            complaints.opened(),
                            0,
                            0,
                            complaints.resolved(),
                            0,
                            complaints.businessMinutesToResolveSum(),
                            null,
                            0,
                            0,
                            0,
                            0,
                            complaints.openedByCategory(),
                            null,
                            null),
                    null,
                    null);
            return shown.equals(statistics)
                    ? "feedback " + statistics.feedbackCount() + ", csat " + csat.n() + "/" + csat.satisfied() + "/"
                            + csat.sum() + "/" + csat.sumOfSquares() + ", opened " + complaints.opened()
                            + complaints.openedByCategory() + ", resolved " + complaints.resolved() + " in "
                            + complaints.businessMinutesToResolveSum() + " min"
                    : statistics.toString();
        }
    }

    private static <K> SortedMap<K, Figures> figures(Map<K, BucketStatistics> statistics) {
        SortedMap<K, Figures> figures = new TreeMap<>();
        statistics.forEach((key, value) -> figures.put(key, new Figures(value)));
        return figures;
    }

    private static Instant[] range(Instant from, Instant to) {
        return new Instant[] {from, to};
    }

    /**
     * The store itself: one document per hour bucket with its newest revision; one day roll-up per branch-day and one
     * month roll-up per branch-month with data, each the exact sum of its sources (statistics, counted fields as
     * stored, and the revision sum), and no other documents.
     */
    private static void storedDocumentsEqualTheReference(SoftAssertions softly, Updates updates, MongoTemplate mongo) {
        Map<String, Document> hours = documents(mongo, MetricBuckets.COLLECTION);
        Map<String, MetricBucket> expectedHours = new TreeMap<>();
        updates.newest.values().forEach(bucket -> expectedHours.put(bucket.id(), bucket));
        softly.assertThat(hours.keySet()).as("stored hour buckets").isEqualTo(expectedHours.keySet());
        expectedHours.forEach((id, bucket) -> {
            Document stored = hours.get(id);
            if (stored != null) {
                softly.assertThat(((Number) stored.get("revision")).longValue())
                        .as("revision of %s", id)
                        .isEqualTo(bucket.revision());
                softly.assertThat(new Figures(StoredStatistics.statistics(stored.get("statistics", Document.class))))
                        .as("statistics of %s", id)
                        .isEqualTo(new Figures(bucket.statistics()));
            }
        });

        Map<String, MetricRollup> expectedRollups = new TreeMap<>();
        for (MetricBucket bucket : updates.newest.values()) {
            Instant day = TimeRanges.dayOf(bucket.bucketStart());
            Instant month = TimeRanges.floorMonth(day);
            for (MetricRollup rollup : List.of(
                    MetricRollup.of(
                            TENANT, bucket.branchId(), Period.UTC_DAY, day, bucket.revision(), bucket.statistics()),
                    MetricRollup.of(
                            TENANT,
                            bucket.branchId(),
                            Period.UTC_MONTH,
                            month,
                            bucket.revision(),
                            bucket.statistics()))) {
                expectedRollups.merge(
                        rollup.id(),
                        rollup,
                        (a, b) -> MetricRollup.of(
                                TENANT,
                                a.branchId(),
                                a.period(),
                                a.start(),
                                a.revisionSum() + b.revisionSum(),
                                a.statistics().plus(b.statistics())));
            }
        }
        Map<String, Document> rollups = documents(mongo, MetricRollups.COLLECTION);
        softly.assertThat(rollups.keySet()).as("stored roll-ups").isEqualTo(expectedRollups.keySet());
        expectedRollups.forEach((id, rollup) -> {
            Document stored = rollups.get(id);
            if (stored == null) {
                return;
            }
            Row row = StoredStatistics.row(stored, "start", "revisionSum");
            softly.assertThat(new Figures(row.statistics()))
                    .as("statistics of %s", id)
                    .isEqualTo(new Figures(rollup.statistics()));
            softly.assertThat(row.revision()).as("revision sum of %s", id).isEqualTo(rollup.revisionSum());
            softly.assertThat(row.start()).as("start of %s", id).isEqualTo(rollup.start());
            softly.assertThat(row.branchId()).as("branch of %s", id).isEqualTo(rollup.branchId());
            // the counted fields as stored, read without the application's mapping
            Document statistics = stored.get("statistics", Document.class);
            softly.assertThat(number(statistics, "feedbackCount"))
                    .as("feedbackCount of %s", id)
                    .isEqualTo(rollup.statistics().feedbackCount());
            softly.assertThat(number(statistics, "csat", "n"))
                    .as("csat.n of %s", id)
                    .isEqualTo(rollup.statistics().csat().n());
            softly.assertThat(number(statistics, "csat", "sum"))
                    .as("csat.sum of %s", id)
                    .isEqualTo(rollup.statistics().csat().sum());
            softly.assertThat(number(statistics, "complaints", "opened"))
                    .as("complaints.opened of %s", id)
                    .isEqualTo(rollup.statistics().complaints().opened());
            softly.assertThat(fraction(statistics, "complaints", "businessMinutesToResolveSum"))
                    .as("complaints.businessMinutesToResolveSum of %s", id)
                    .isEqualTo(rollup.statistics().complaints().businessMinutesToResolveSum());
        });
    }

    private static long number(Document document, String... path) {
        return valueAt(document, path).longValue();
    }

    private static double fraction(Document document, String... path) {
        return valueAt(document, path).doubleValue();
    }

    /** The number at {@code path}; an absent block or field is zero (empty blocks are not written, EmptyBlocks). */
    private static Number valueAt(Document document, String... path) {
        Document at = document;
        for (int i = 0; i < path.length - 1 && at != null; i++) {
            at = at.get(path[i], Document.class);
        }
        Object value = at == null ? null : at.get(path[path.length - 1]);
        return value == null ? 0 : (Number) value;
    }

    private static Map<String, Document> documents(MongoTemplate mongo, String collection) {
        Map<String, Document> documents = new TreeMap<>();
        for (Document document : mongo.getCollection(collection).find()) {
            documents.put(document.getString("_id"), document);
        }
        return documents;
    }
}
