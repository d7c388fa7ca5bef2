package io.servicequality.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics a service declares are created (declaration is idempotent: an existing topic is left as it is).
 *
 * @param partitions of every topic ({@code SQP_KAFKA_PARTITIONS}); keyed topics keep their partition count for life
 * @param replicationFactor of every topic ({@code SQP_KAFKA_REPLICATION_FACTOR})
 * @param eventRetentionMs retention of the ingested event topics ({@code SQP_EVENT_RETENTION_MS}; -1, the default,
 *     keeps them forever: they are the system of record a rebuild recounts from)
 * @param outboxAckTimeout how long {@link OutboxRelay} waits for the broker's acknowledgements of what one publication
 *     sent (one deadline for all of it)
 * @param groupTakeoverTimeout how long {@link ConsumerGroupTakeover} waits for a renamed group's old offsets when a
 *     partition is assigned ({@code SQP_KAFKA_GROUP_TAKEOVER_TIMEOUT})
 */
@ConfigurationProperties("sqp.kafka")
public record PlatformKafkaProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("-1") long eventRetentionMs,
        @DefaultValue("10s") Duration outboxAckTimeout,
        @DefaultValue("30s") Duration groupTakeoverTimeout) {}
