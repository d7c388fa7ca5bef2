package io.servicequality.reporting.bucket;

import com.mongodb.client.MongoClients;
import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.reporting.bucket.MetricRollup.Period;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import io.servicequality.reporting.scorecard.ScorecardProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answer time of a one-year scorecard from hourly buckets, for one branch and for a 200-branch region, on the embedded
 * store. Not a test: run it by hand (see the module README); it prints the figures. Without arguments it seeds a fresh
 * in-memory store; with a connection string it seeds that store (e.g. the local run's H2-file store, which the
 * service can then be pointed at to measure over HTTP).
 *
 * <p>Seeded as the read model holds it: branch B000 with all 8,760 hour buckets of the year plus the day and month
 * roll-ups computed from them; branches B001–B199 with the hour buckets of the two partial days at the ends of the
 * range plus their day and month roll-ups (their other 8,700-odd hour buckets per branch are not read by the query and
 * would not fit this machine's memory in the embedded store: 1.75M documents). Every hour bucket holds the contract
 * sample's statistics (feedback, SERVQUAL, CSAT, NPS, CES, interactions and complaints with histograms).
 */
public final class ScorecardBenchmark {

    static final String TENANT = "bench";
    static final Instant FROM = Instant.parse("2025-11-20T09:00:00Z");
    static final Instant TO = Instant.parse("2026-11-20T09:00:00Z");

    public static void main(String[] args) throws Exception {
        String uri = args.length > 0 ? args[0] : null;
        BucketStatistics hour = JsonMapper.builder()
                .build()
                .readValue(EventSample.METRIC_UPDATED.json(), MetricUpdated.class)
                .statistics();
        try (EmbeddedStore store = uri == null ? EmbeddedStore.inMemory() : null;
                var client = MongoClients.create(uri == null ? store.connectionString() : uri)) {
            MongoTemplate mongo = new MongoTemplate(client, "reporting");
            long seedStart = System.nanoTime();
            seed(mongo, hour);
            System.out.printf(
                    "seeded %d hour buckets, %d roll-ups, %d branches in %.1f s%n",
                    mongo.getCollection("metricBuckets").countDocuments(),
                    mongo.getCollection("metricRollups").countDocuments(),
                    mongo.getCollection("branches").countDocuments(),
                    (System.nanoTime() - seedStart) / 1e9);

            var readModel = ReadModels.over(mongo).views();
            var calculator = new ScorecardCalculator(new ScorecardProperties(
                    new ScorecardProperties.SqiWeights(0.3, 0.2, 0.2, 0.15, 0.15),
                    new ScorecardProperties.DimensionWeights(0.2, 0.2, 0.2, 0.2, 0.2)));
            List<String> region =
                    IntStream.range(0, 200).mapToObj(ScorecardBenchmark::branch).toList();
            measure("one branch, one year", () -> {
                var totals = readModel.total(TENANT, List.of(branch(0)), FROM, TO);
                return calculator.scorecard(scope(List.of(branch(0))), FROM, TO, totals, null);
            });
            measure("200-branch region, one year", () -> {
                var totals = readModel.total(TENANT, region, FROM, TO);
                return calculator.scorecard(scope(region), FROM, TO, totals, null);
            });
        }
    }

    static void seed(MongoTemplate mongo, BucketStatistics hour) {
        Instant firstDay = FROM.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        Instant lastDay = TO.truncatedTo(ChronoUnit.DAYS);
        BucketStatistics fullDay = times(hour, 24);
        List<Document> branches = new ArrayList<>();
        for (int b = 0; b < 200; b++) {
            String branch = branch(b);
            branches.add(new Document("_id", TENANT + "/" + branch)
                    .append("tenantId", TENANT)
                    .append("branchId", branch)
                    .append("code", branch)
                    .append("name", "Benchmark " + branch)
                    .append("regionId", "bench-region")
                    .append("timeZone", "UTC")
                    .append("removed", false)
                    .append("version", 1L)
                    .append("publishedVersion", 1L)
                    .append("unpublished", false));
            List<MetricBucket> hours = new ArrayList<>();
            Instant hoursFrom = b == 0 ? FROM.truncatedTo(ChronoUnit.DAYS) : FROM;
            Instant hoursTo = b == 0 ? TO.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS) : TO;
            for (Instant h = hoursFrom; h.isBefore(hoursTo); h = h.plus(Duration.ofHours(1))) {
                if (b == 0 || h.isBefore(firstDay) || !h.isBefore(lastDay)) {
                    hours.add(new MetricBucket(
                            MetricBucket.idOf(TENANT, branch, Granularity.HOUR, h),
                            TENANT,
                            branch,
                            Granularity.HOUR,
                            h,
                            1,
                            h,
                            null,
                            hour));
                }
            }
            mongo.insertAll(hours);
            List<MetricRollup> rollups = new ArrayList<>();
            for (Instant day = firstDay; day.isBefore(lastDay); day = day.plus(1, ChronoUnit.DAYS)) {
                rollups.add(MetricRollup.of(TENANT, branch, Period.UTC_DAY, day, 24, fullDay));
            }
            for (Instant month = TimeRanges.floorMonth(firstDay);
                    month.isBefore(lastDay);
                    month = TimeRanges.nextMonth(month)) {
                long days = ChronoUnit.DAYS.between(month, TimeRanges.nextMonth(month));
                rollups.add(MetricRollup.of(TENANT, branch, Period.UTC_MONTH, month, 24 * days, times(fullDay, days)));
            }
            mongo.insertAll(rollups);
        }
        mongo.getCollection("branches").insertMany(branches);
        mongo.indexOps(MetricBucket.class)
                .createIndex(new org.springframework.data.mongodb.core.index.Index()
                        .on("tenantId", org.springframework.data.domain.Sort.Direction.ASC)
                        .on("branchId", org.springframework.data.domain.Sort.Direction.ASC)
                        .on("granularity", org.springframework.data.domain.Sort.Direction.ASC)
                        .on("bucketStart", org.springframework.data.domain.Sort.Direction.ASC));
    }

    private static void measure(String name, java.util.concurrent.Callable<?> scorecard) throws Exception {
        for (int i = 0; i < 5; i++) {
            scorecard.call();
        }
        int runs = 30;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            scorecard.call();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "%-30s median %7.1f ms   p90 %7.1f ms   max %7.1f ms   (%d runs after 5 warm-up)%n",
                name, nanos[runs / 2] / 1e6, nanos[runs * 9 / 10] / 1e6, nanos[runs - 1] / 1e6, runs);
    }

    private static BucketStatistics times(BucketStatistics statistics, long count) {
        BucketStatistics total = BucketStatistics.EMPTY;
        for (long i = 0; i < count; i++) {
            total = total.plus(statistics);
        }
        return total;
    }

    private static Scope scope(List<String> branches) {
        return new Scope(Scope.Level.REGION, null, "bench-region", branches, ZoneOffset.UTC);
    }

    private static String branch(int index) {
        return "B%03d".formatted(index);
    }

    private ScorecardBenchmark() {}
}
