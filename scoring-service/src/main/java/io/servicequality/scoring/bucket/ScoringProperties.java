package io.servicequality.scoring.bucket;

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
 * @param allowedLateness how long after its event time an event may reach the log and still enter its minute bucket
 *     (minute buckets serve the live view); a later event is counted as late and goes to its hour and day buckets
 *     only. Measured against the Kafka record's timestamp, so a replay decides exactly as the first run did.
 */
@Validated
@ConfigurationProperties(prefix = "sqp.scoring")
record ScoringProperties(
        @Min(0) int serviceLevelSeconds, @NotNull Duration allowedLateness) {}
