package io.servicequality.reporting.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MetricBucketTest {

    private static final Instant NINE = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void scopesThatOnlyDifferInWhereTheSeparatorFallsGetDifferentIds() {
        assertThat(MetricBucket.idOf("a/b", "c", Granularity.HOUR, NINE))
                .isNotEqualTo(MetricBucket.idOf("a", "b/c", Granularity.HOUR, NINE));
        assertThat(MetricBucket.idOf("acme", "SH-001", Granularity.HOUR, NINE))
                .isEqualTo("acme/SH-001/HOUR/2026-11-20T09:00:00Z")
                .isNotEqualTo(MetricBucket.idOf("acme", "SH-001", Granularity.DAY, NINE));
    }

    @Test
    void rejectsAnUpdateThatDoesNotNameItsBucketStart() {
        var update = new MetricUpdated(
                UUID.randomUUID(), "acme", "SH-001", NINE, 1, Granularity.HOUR, null, 1, BucketStatistics.EMPTY);

        assertThatThrownBy(() -> MetricBucket.of(update))
                .isInstanceOf(InvalidMetricUpdateException.class)
                .hasMessage("bucketStart is required");
    }

    @Test
    void rejectsAnUpdateWithoutABranch() {
        var update = new MetricUpdated(
                UUID.randomUUID(), "acme", " ", NINE, 1, Granularity.HOUR, NINE, 1, BucketStatistics.EMPTY);

        assertThatThrownBy(() -> MetricBucket.of(update)).hasMessage("branchId is required");
    }

    @Test
    void rejectsARevisionBelowOneWhichTheRollUpsCouldNotTellFromNoChange() {
        var update = new MetricUpdated(
                UUID.randomUUID(), "acme", "SH-001", NINE, 1, Granularity.HOUR, NINE, 0, BucketStatistics.EMPTY);

        assertThatThrownBy(() -> MetricBucket.of(update))
                .isInstanceOf(InvalidMetricUpdateException.class)
                .hasMessage("revision must be at least 1");
        assertThat(MetricBucket.of(new MetricUpdated(
                                UUID.randomUUID(),
                                "acme",
                                "SH-001",
                                NINE,
                                1,
                                Granularity.HOUR,
                                NINE,
                                1,
                                BucketStatistics.EMPTY))
                        .revision())
                .isEqualTo(1);
    }
}
