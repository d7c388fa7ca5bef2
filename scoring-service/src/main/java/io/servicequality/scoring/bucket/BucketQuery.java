package io.servicequality.scoring.bucket;

import io.servicequality.contracts.Granularity;
import io.servicequality.web.range.TimeRange;
import io.servicequality.web.range.ValidTimeRange;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * The buckets of one branch starting in {@code [from, to)}.
 *
 * @param from ISO-8601 instant, inclusive
 * @param to ISO-8601 instant, exclusive; after {@code from} and at most {@value #MAX_DAYS} days later
 * @param granularity {@code MINUTE}, {@code HOUR} (the default) or {@code DAY}
 */
@ValidTimeRange(maxDays = BucketQuery.MAX_DAYS)
record BucketQuery(
        @NotBlank @Size(max = 100) String branchId,
        @NotNull Instant from,
        @NotNull Instant to,
        Granularity granularity) implements TimeRange {

    static final int MAX_DAYS = 31;

    Granularity granularityOrHour() {
        return granularity == null ? Granularity.HOUR : granularity;
    }
}
