package io.servicequality.scoring.bucket;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@link Retention}. The pause between runs, {@code sqp.retention.interval}, is read by its
 * {@code @Scheduled} annotation.
 *
 * @param minuteBuckets how long minute buckets are kept (by bucket start); at least 48 hours (SPEC §4)
 * @param ledger how long event-ledger entries are kept (by first sight); should match the retention of the counted
 *     topics, since a redelivery can only come from the retained log
 * @param batchSize most documents deleted per statement
 * @param maxBatchesPerRun most statements per collection per run, so one run never holds the store for long
 */
@Validated
@ConfigurationProperties(prefix = "sqp.retention")
record RetentionProperties(
        @NotNull Duration minuteBuckets,
        @NotNull Duration ledger,
        @Min(1) int batchSize,
        @Min(1) int maxBatchesPerRun) {

    static final Duration MINIMUM_MINUTE_RETENTION = Duration.ofHours(48);

    @AssertTrue(message = "must be at least 48h (SPEC §4 keeps minute buckets at least 48 hours)")
    boolean isMinuteBucketsAtLeast48Hours() {
        return minuteBuckets == null || minuteBuckets.compareTo(MINIMUM_MINUTE_RETENTION) >= 0;
    }

    @AssertTrue(message = "must be positive")
    boolean isLedgerPositive() {
        return ledger == null || (!ledger.isNegative() && !ledger.isZero());
    }
}
