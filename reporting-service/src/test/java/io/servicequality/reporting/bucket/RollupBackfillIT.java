package io.servicequality.reporting.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.Granularity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Hour buckets stored by a version without roll-ups are rolled up at start-up, so long ranges stay exact. */
class RollupBackfillIT {

    @RegisterExtension
    static final InMemoryStore STORE = new InMemoryStore();

    @Test
    void bucketsWithoutRollUpsAreRolledUpOnceAtStartUpAndLongRangesCountThem() {
        MongoTemplate mongo = new MongoTemplate(STORE.client(), "backfill");
        var models = ReadModels.over(mongo);
        var readModel = models.views();
        mongo.insertAll(List.of(
                hour("SH-001", "2026-01-31T23:00:00Z", 1),
                hour("SH-001", "2026-02-10T05:00:00Z", 10),
                hour("SH-001", "2026-02-10T06:00:00Z", 100),
                hour("SH-002", "2026-02-11T00:00:00Z", 1000)));
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-04-01T00:00:00Z");
        // whole months are read from roll-ups: without them the range looks empty
        assertThat(readModel.total("acme", null, from, to).complaints().opened())
                .isZero();

        new RollupBackfill(mongo, models.writeBehind()).run(null);

        assertThat(readModel.total("acme", null, from, to).complaints().opened())
                .isEqualTo(1111);
        assertThat(readModel.totalsByBranch("acme", null, from, to))
                .containsOnlyKeys("SH-001", "SH-002")
                .hasEntrySatisfying(
                        "SH-001", s -> assertThat(s.complaints().opened()).isEqualTo(111));
        // the same range cut mid-day: hours at the ends, roll-ups between
        assertThat(readModel
                        .total(
                                "acme",
                                List.of("SH-001"),
                                Instant.parse("2026-01-31T22:00:00Z"),
                                Instant.parse("2026-02-10T06:00:00Z"))
                        .complaints()
                        .opened())
                .isEqualTo(11);
        // days: SH-001 31 Jan and 10 Feb, SH-002 11 Feb; months: SH-001 January and February, SH-002 February
        assertThat(mongo.getCollection("metricRollups").countDocuments()).isEqualTo(3 + 3);
    }

    private static MetricBucket hour(String branch, String start, long opened) {
        Instant bucketStart = Instant.parse(start);
        return new MetricBucket(
                MetricBucket.idOf("acme", branch, Granularity.HOUR, bucketStart),
                "acme",
                branch,
                Granularity.HOUR,
                bucketStart,
                1,
                bucketStart,
                null,
                new BucketStatistics(0, null, null, null, null, new ComplaintStatistics(opened), null, null));
    }
}
