package io.servicequality.scoring.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.embeddedstore.EmbeddedStore;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The retention job on the embedded store, which has no TTL: old minute buckets and old ledger entries go. */
class RetentionIT {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private static EmbeddedStore store;
    private static MongoClient client;

    @BeforeAll
    static void startStore() {
        store = EmbeddedStore.inMemory();
        client = MongoClients.create(store.connectionString());
    }

    @AfterAll
    static void stopStore() {
        client.close();
        store.close();
    }

    @Test
    void deletesMinuteBucketsAndLedgerEntriesPastTheirRetentionInBoundedBatchesAndKeepsEverythingElse() {
        MongoTemplate mongo = new MongoTemplate(client, "retention-" + UUID.randomUUID());
        Instant old = NOW.minus(Duration.ofHours(73)).truncatedTo(ChronoUnit.MINUTES);
        Instant recent = NOW.minus(Duration.ofHours(71)).truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < 25; i++) {
            mongo.insert(bucket(Granularity.MINUTE, old.minus(Duration.ofMinutes(i))));
        }
        mongo.insert(bucket(Granularity.MINUTE, recent));
        mongo.insert(bucket(Granularity.HOUR, old.truncatedTo(ChronoUnit.HOURS)));
        mongo.insert(bucket(Granularity.DAY, old.truncatedTo(ChronoUnit.DAYS)));
        for (int i = 0; i < 12; i++) {
            mongo.insert(new LedgerEntry("feedback:t:" + UUID.randomUUID(), 0, i, NOW.minus(Duration.ofDays(9))));
        }
        mongo.insert(new LedgerEntry("feedback:t:kept", 0, 99, NOW.minus(Duration.ofDays(7))));
        var properties = new RetentionProperties(Duration.ofHours(72), Duration.ofDays(8), 10, 100);
        var retention = new Retention(mongo, properties, Clock.fixed(NOW, ZoneOffset.UTC), new BucketCache(100));

        assertThat(retention.purge()).isEqualTo(new Retention.Deleted(25, 12));

        assertThat(mongo.findAll(Bucket.class))
                .extracting(Bucket::granularity, Bucket::bucketStart)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Granularity.MINUTE, recent),
                        org.assertj.core.groups.Tuple.tuple(Granularity.HOUR, old.truncatedTo(ChronoUnit.HOURS)),
                        org.assertj.core.groups.Tuple.tuple(Granularity.DAY, old.truncatedTo(ChronoUnit.DAYS)));
        assertThat(mongo.findAll(LedgerEntry.class)).extracting(LedgerEntry::id).containsExactly("feedback:t:kept");
        assertThat(retention.purge()).isEqualTo(new Retention.Deleted(0, 0));
    }

    @Test
    void aRunDeletesAtMostItsBatchesSoTheRestGoesOnTheNextRun() {
        MongoTemplate mongo = new MongoTemplate(client, "retention-" + UUID.randomUUID());
        for (int i = 0; i < 7; i++) {
            mongo.insert(
                    bucket(Granularity.MINUTE, NOW.minus(Duration.ofDays(5)).plus(Duration.ofMinutes(i))));
        }
        var retention = new Retention(
                mongo,
                new RetentionProperties(Duration.ofHours(72), Duration.ofDays(8), 2, 2),
                Clock.fixed(NOW, ZoneOffset.UTC),
                new BucketCache(100));

        assertThat(retention.purge().minuteBuckets()).isEqualTo(4);
        assertThat(retention.purge().minuteBuckets()).isEqualTo(3);
        assertThat(mongo.findAll(Bucket.class)).isEmpty();
    }

    @Test
    void refusesAMinuteRetentionShorterThan48Hours() {
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            assertThat(validator.validate(new RetentionProperties(Duration.ofHours(47), Duration.ofDays(8), 10, 10)))
                    .singleElement()
                    .satisfies(
                            violation -> assertThat(violation.getPropertyPath().toString())
                                    .isEqualTo("minuteBucketsAtLeast48Hours"));
            assertThat(validator.validate(new RetentionProperties(Duration.ofHours(48), Duration.ofDays(8), 10, 10)))
                    .isEmpty();
        }
    }

    private static Bucket bucket(Granularity granularity, Instant start) {
        return new Bucket(
                String.join(":", "t", "B1", granularity.name(), start.toString()),
                "t",
                "B1",
                granularity,
                start,
                BucketStatistics.EMPTY,
                Map.of(),
                1,
                false,
                start,
                0,
                null);
    }
}
