package io.servicequality.scoring.bucket;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How events are counted.
 *
 * @param serviceLevelSeconds the tenant's service-level threshold: an interaction answered with at most this wait
 *     counts as answered within service level (SPEC §4, default 20 s)
 * @param minuteBucketLateness how long after its event time an event may reach the log and still enter its minute bucket
 *     (minute buckets serve the live view); a later event is counted as late and goes to its hour and day buckets
 *     only. Measured against the Kafka record's timestamp, so a replay decides exactly as the first run did.
 * @param deduplicationHorizon how long an event id is remembered: a copy of an event logged within this time of the
 *     first copy (before or after) counts nothing. At least 7 days. Also how far apart in log time a feedback and the
 *     interaction it names may be and still be linked (staff metrics).
 * @param emitInterval how often the changed buckets are published as {@code MetricUpdated} (at most 250 ms)
 * @param generation the counting generation: raise it to recount everything from the beginning of the topics under a
 *     new application id; its revisions start above every revision of the generations before
 * @param minuteRetention how long minute buckets are kept, from their start (at least 48 h, SPEC §4)
 * @param bucketRetention how long hour and day buckets are kept, from their start
 */
@Validated
@ConfigurationProperties(prefix = "sqp.scoring")
record ScoringProperties(
        @Min(0) int serviceLevelSeconds,
        @NotNull Duration minuteBucketLateness,
        @NotNull Duration deduplicationHorizon,
        @NotNull Duration emitInterval,

        @Min(0) @jakarta.validation.constraints.Max(MAX_GENERATION)
        int generation,

        @NotNull Duration minuteRetention,
        @NotNull Duration bucketRetention) {

    static final long MAX_GENERATION = 1000;
    static final Duration MINIMUM_DEDUPLICATION_HORIZON = Duration.ofDays(7);
    static final Duration MINIMUM_MINUTE_RETENTION = Duration.ofHours(48);
    static final Duration MAXIMUM_EMIT_INTERVAL = Duration.ofMillis(250);

    @AssertTrue(message = "deduplicationHorizon must be at least 7 days")
    boolean isDeduplicationHorizonAtLeastSevenDays() {
        return deduplicationHorizon == null || deduplicationHorizon.compareTo(MINIMUM_DEDUPLICATION_HORIZON) >= 0;
    }

    @AssertTrue(message = "minuteRetention must be at least 48h (SPEC §4 keeps minute buckets at least 48 hours)")
    boolean isMinuteRetentionAtLeast48Hours() {
        return minuteRetention == null || minuteRetention.compareTo(MINIMUM_MINUTE_RETENTION) >= 0;
    }

    @AssertTrue(message = "emitInterval must be positive and at most 250ms")
    boolean isEmitIntervalAtMost250Millis() {
        return emitInterval == null
                || (!emitInterval.isNegative()
                        && !emitInterval.isZero()
                        && emitInterval.compareTo(MAXIMUM_EMIT_INTERVAL) <= 0);
    }

    @AssertTrue(message = "bucketRetention must be longer than minuteRetention")
    boolean isBucketRetentionLongerThanMinuteRetention() {
        return bucketRetention == null || minuteRetention == null || bucketRetention.compareTo(minuteRetention) > 0;
    }

    /** What the topology needs of these settings. */
    CountingRules rules() {
        return new CountingRules(
                serviceLevelSeconds,
                minuteBucketLateness,
                deduplicationHorizon,
                emitInterval,
                CountingRules.revisionBaseOf(generation),
                minuteRetention,
                bucketRetention);
    }
}
