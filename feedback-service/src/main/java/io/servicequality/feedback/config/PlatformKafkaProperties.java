package io.servicequality.feedback.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param partitions of the topics this service declares ({@code SQP_KAFKA_PARTITIONS})
 * @param replicationFactor of those topics ({@code SQP_KAFKA_REPLICATION_FACTOR})
 * @param ackTimeout how long a request waits for the broker's acknowledgement before answering 503
 * @param retryAfter what that 503 tells the client to wait
 * @param eventRetentionMs retention of the event topics declared here ({@code SQP_EVENT_RETENTION_MS}; -1, the
 *     default, keeps them forever: they are the system of record)
 */
@ConfigurationProperties("sqp.kafka")
record PlatformKafkaProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("6s") Duration ackTimeout,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("-1") long eventRetentionMs) {}
