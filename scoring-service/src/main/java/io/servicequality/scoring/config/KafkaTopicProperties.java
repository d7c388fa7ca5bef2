package io.servicequality.scoring.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** How the topics this service declares are created. */
@Validated
@ConfigurationProperties(prefix = "sqp.kafka")
record KafkaTopicProperties(@Min(1) int partitions, @Min(1) short replicationFactor) {}
