package io.servicequality.reporting.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.embeddedstore.EmbeddedStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The write-behind read model against the embedded store, counting the store commands it sends: updates are visible
 * to views before they are written, written in bulk by a flush, acknowledged only after it, cost nothing when stale,
 * and converge after a crash at any point of a flush.
 */
class WriteBehindBucketsIT {

    private static final String TENANT = "acme";
    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant MONTH = Instant.parse("2026-11-01T00:00:00Z");

    private static EmbeddedStore store;
    private static MongoClient client;
    private static final Map<String, AtomicInteger> commands = new ConcurrentHashMap<>();

    private MongoTemplate mongo;

    @BeforeAll
    static void start() {
        store = EmbeddedStore.inMemory();
        CommandListener counting = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.computeIfAbsent(event.getCommandName(), name -> new AtomicInteger())
                        .incrementAndGet();
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.connectionString()))
                .addCommandListener(counting)
                .build());
    }

    @AfterAll
    static void stop() {
        client.close();
        store.close();
    }

    private int database = 0;

    @BeforeEach
    void freshDatabase() {
        mongo = new MongoTemplate(client, "writebehind" + (++database) + System.nanoTime());
        mongo.createCollection(MetricBuckets.COLLECTION);
        mongo.createCollection(MetricRollups.COLLECTION);
        commands.clear();
    }

    @Test
    void anUpdateIsInTheViewsAtOnceAndInTheStoreAfterTheFlushWhichAloneAcknowledgesIt() {
        ReadModels models = ReadModels.over(mongo);
        AtomicInteger acknowledged = new AtomicInteger();

        models.writeBehind().apply(List.of(hour("B1", 9, 1, 3), hour("B1", 10, 1, 4)), acknowledged::incrementAndGet);

        assertThat(openedIn(models, "B1", DAY, DAY.plus(1, ChronoUnit.DAYS))).isEqualTo(7);
        assertThat(openedIn(models, "B1", MONTH, MONTH.plus(30, ChronoUnit.DAYS)))
                .isEqualTo(7);
        assertThat(stored(MetricBuckets.COLLECTION)).isZero();
        assertThat(acknowledged).hasValue(0);

        models.writeBehind().flush();

        assertThat(acknowledged).hasValue(1);
        assertThat(stored(MetricBuckets.COLLECTION)).isEqualTo(2);
        // the day and the month roll-up
        assertThat(stored(MetricRollups.COLLECTION)).isEqualTo(2);
        ReadModels afterRestart = ReadModels.over(mongo);
        assertThat(openedIn(afterRestart, "B1", DAY, DAY.plus(1, ChronoUnit.DAYS)))
                .isEqualTo(7);
        assertThat(openedIn(afterRestart, "B1", MONTH, MONTH.plus(30, ChronoUnit.DAYS)))
                .isEqualTo(7);
    }

    @Test
    void aBatchOverManyBranchesCostsTwoReadsAndAFlushABulkWritePerHundredDocuments() {
        ReadModels models = ReadModels.over(mongo);
        List<MetricBucket> batch = new ArrayList<>();
        IntStream.range(0, 200).forEach(b -> batch.add(hour("B" + b, 9, 1, 1)));
        IntStream.range(0, 200).forEach(b -> batch.add(hour("B" + b, 9, 2, 2)));

        models.writeBehind().apply(batch, () -> {});
        assertThat(commands).containsOnlyKeys("find");
        assertThat(commands.get("find")).hasValue(2);

        commands.clear();
        models.writeBehind().flush();
        // 200 hour buckets, 200 day roll-ups, 200 month roll-ups: one insert command per bulk of DOCUMENTS_PER_BULK
        assertThat(commands).containsOnlyKeys("insert");
        int bulksEach = (200 + StoredRevisions.DOCUMENTS_PER_BULK - 1) / StoredRevisions.DOCUMENTS_PER_BULK;
        assertThat(commands.get("insert")).hasValue(3 * bulksEach);
        assertThat(openedIn(ReadModels.over(mongo), null, DAY, DAY.plus(1, ChronoUnit.DAYS)))
                .isEqualTo(400);
    }

    @Test
    void staleAndRepeatedRevisionsCostNoStoreOperationAndChangeNothing() {
        ReadModels models = ReadModels.over(mongo);
        models.writeBehind().apply(List.of(hour("B1", 9, 5, 50)), () -> {});
        models.writeBehind().flush();
        commands.clear();

        models.writeBehind().apply(List.of(hour("B1", 9, 5, 999), hour("B1", 9, 4, 40)), () -> {});
        models.writeBehind().flush();

        assertThat(commands).isEmpty();
        assertThat(openedIn(models, "B1", DAY, DAY.plus(1, ChronoUnit.DAYS))).isEqualTo(50);
    }

    @Test
    void aCrashBetweenTheHourAndTheRollUpWritesIsRepairedByTheReplayThatFollows() {
        // the first instance writes the hour buckets, then loses the store before the roll-ups, then dies
        MetricBuckets buckets = new MetricBuckets(mongo);
        MetricRollups failing = new MetricRollups(mongo) {
            @Override
            boolean writeAll(List<StoredRevisions.Write> writes) {
                throw new DataAccessResourceFailureException("store gone mid-flush");
            }
        };
        ReadModels crashing = ReadModels.over(buckets, failing, ReadModels.PROPERTIES);
        AtomicInteger acknowledged = new AtomicInteger();
        List<MetricBucket> batch = List.of(
                hour("B1", 9, 1, 1), hour("B1", 10, 1, 10), hour("B1", 9, 2, 100), dayBefore(hour("B1", 23, 1, 1000)));
        crashing.writeBehind().apply(batch, acknowledged::incrementAndGet);
        assertThatThrownBy(() -> crashing.writeBehind().flush()).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(acknowledged).hasValue(0);
        assertThat(stored(MetricBuckets.COLLECTION)).isEqualTo(3);
        assertThat(stored(MetricRollups.COLLECTION)).isZero();

        // not acknowledged, so Kafka delivers the batch again to the next instance, followed by newer updates
        ReadModels restarted = ReadModels.over(mongo);
        restarted.writeBehind().apply(batch, acknowledged::incrementAndGet);
        restarted.writeBehind().apply(List.of(hour("B1", 10, 2, 10_000)), acknowledged::incrementAndGet);
        restarted.writeBehind().flush();

        assertThat(acknowledged).hasValue(2);
        // every range equals the sum of the newest revision of each hour: 100 + 10,000 on the 20th, 1,000 on the 19th
        ReadModels fresh = ReadModels.over(mongo);
        assertThat(openedIn(fresh, "B1", DAY, DAY.plus(1, ChronoUnit.DAYS))).isEqualTo(10_100);
        assertThat(openedIn(fresh, "B1", MONTH, MONTH.plus(30, ChronoUnit.DAYS)))
                .isEqualTo(11_100);
        assertThat(openedIn(fresh, "B1", DAY.minus(1, ChronoUnit.HOURS), DAY.plus(10, ChronoUnit.HOURS)))
                .isEqualTo(1_100);
        assertThat(storedRollup(MetricRollup.idOf(TENANT, "B1", MetricRollup.Period.UTC_MONTH, MONTH)))
                .containsEntry("revisionSum", 5L);
    }

    @Test
    void aNewerRevisionWrittenByAnotherInstanceIsNeverOverwritten() {
        ReadModels first = ReadModels.over(mongo);
        ReadModels second = ReadModels.over(mongo);
        first.writeBehind().apply(List.of(hour("B1", 9, 1, 1)), () -> {});
        second.writeBehind().apply(List.of(hour("B1", 9, 1, 1)), () -> {});
        first.writeBehind().flush();
        second.writeBehind().flush();

        // during a rebalance both instances see updates of the same bucket; the second has the newer one
        second.writeBehind().apply(List.of(hour("B1", 9, 3, 30)), () -> {});
        second.writeBehind().flush();
        first.writeBehind().apply(List.of(hour("B1", 9, 2, 20)), () -> {});
        first.writeBehind().flush();

        assertThat(storedBucket(MetricBucket.idOf(TENANT, "B1", Granularity.HOUR, DAY.plusSeconds(9 * 3600))))
                .containsEntry("revision", 3L);
        assertThat(openedIn(first, "B1", DAY, DAY.plus(1, ChronoUnit.DAYS))).isEqualTo(30);
        assertThat(openedIn(ReadModels.over(mongo), "B1", MONTH, MONTH.plus(30, ChronoUnit.DAYS)))
                .isEqualTo(30);
    }

    @Test
    void writtenDaysBeyondTheCacheAreDroppedFromMemoryAndReadAgainWhenNeeded() {
        ReadModels models = ReadModels.over(
                new MetricBuckets(mongo),
                new MetricRollups(mongo),
                new ReadModelProperties(Duration.ofSeconds(1), 2, 2));
        for (int day = 1; day <= 5; day++) {
            Instant start = MONTH.plus(day, ChronoUnit.DAYS);
            models.writeBehind().apply(List.of(at(start.plus(1, ChronoUnit.HOURS), "B1", 1, day)), () -> {});
            models.writeBehind().flush();
        }
        // a later revision of the first day, whose hours left memory
        models.writeBehind()
                .apply(List.of(at(MONTH.plus(1, ChronoUnit.DAYS).plusSeconds(3600), "B1", 2, 100)), () -> {});
        models.writeBehind().flush();

        assertThat(openedIn(ReadModels.over(mongo), "B1", MONTH, MONTH.plus(30, ChronoUnit.DAYS)))
                .isEqualTo(100 + 2 + 3 + 4 + 5);
    }

    private static MetricBucket dayBefore(MetricBucket bucket) {
        return at(
                bucket.bucketStart().minus(1, ChronoUnit.DAYS),
                bucket.branchId(),
                bucket.revision(),
                bucket.statistics().complaints().opened());
    }

    private static MetricBucket hour(String branch, int hour, long revision, long opened) {
        return at(DAY.plus(hour, ChronoUnit.HOURS), branch, revision, opened);
    }

    private static MetricBucket at(Instant start, String branch, long revision, long opened) {
        return new MetricBucket(
                MetricBucket.idOf(TENANT, branch, Granularity.HOUR, start),
                TENANT,
                branch,
                Granularity.HOUR,
                start,
                revision,
                start,
                null,
                new BucketStatistics(
                        0,
                        null,
                        new CsatStatistics(1, 1, 5, 25),
                        null,
                        null,
                        new ComplaintStatistics(opened),
                        null,
                        null));
    }

    private static long openedIn(ReadModels models, String branch, Instant from, Instant to) {
        return models.views()
                .total(TENANT, branch == null ? null : List.of(branch), from, to)
                .complaints()
                .opened();
    }

    private long stored(String collection) {
        return mongo.getCollection(collection).countDocuments();
    }

    private Document storedRollup(String id) {
        return mongo.getCollection(MetricRollups.COLLECTION)
                .find(new Document("_id", id))
                .first();
    }

    private Document storedBucket(String id) {
        return mongo.getCollection(MetricBuckets.COLLECTION)
                .find(new Document("_id", id))
                .first();
    }
}
