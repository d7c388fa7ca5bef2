package io.servicequality.scoring.bucket;

import io.servicequality.contracts.Granularity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * The buckets of one branch starting in {@code [from, to)}.
 *
 * @param from ISO-8601 instant, inclusive
 * @param to ISO-8601 instant, exclusive; after {@code from} and at most {@value BoundedTimeRange#MAX_DAYS} days later
 * @param granularity {@code MINUTE}, {@code HOUR} (the default) or {@code DAY}
 */
@BoundedTimeRange
record BucketQuery(
        @NotBlank @Size(max = 100) String branchId,
        @NotNull Instant from,
        @NotNull Instant to,
        Granularity granularity) {

    Granularity granularityOrHour() {
        return granularity == null ? Granularity.HOUR : granularity;
    }
}
