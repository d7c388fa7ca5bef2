package io.servicequality.scoring.bucket;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@link MetricPublisher}. The pause between rounds, {@code sqp.metric-publisher.interval}, is read by its
 * {@code @Scheduled} annotation.
 *
 * @param batchSize most buckets published per round
 * @param sendTimeout how long a round waits for the broker's acknowledgements
 * @param minInterval the shortest time between two publications of one bucket: under load, the changes of a bucket
 *     are coalesced into at most one update per interval
 * @param recoveryInterval how often the publisher reads the ids of all dirty buckets from the store (one full read of
 *     the bucket collection), for changes a crashed run or another instance left unpublished; also done at start-up
 */
@Validated
@ConfigurationProperties(prefix = "sqp.metric-publisher")
record MetricPublisherProperties(
        @Min(1) int batchSize,
        @NotNull Duration sendTimeout,
        @NotNull Duration minInterval,
        @NotNull Duration recoveryInterval) {}
