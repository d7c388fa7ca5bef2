package io.servicequality.scoring.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the topics this service declares are created.
 *
 * @param eventRetentionMs retention of the ingested event topics (-1, the default: forever; they are the system of
 *     record the counting recomputes from)
 */
@Validated
@ConfigurationProperties(prefix = "sqp.kafka")
record KafkaTopicProperties(
        @Min(1) int partitions,
        @Min(1) short replicationFactor,
        @DefaultValue("-1") long eventRetentionMs) {}
