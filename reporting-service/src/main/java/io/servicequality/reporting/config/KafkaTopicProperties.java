package io.servicequality.reporting.config;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code sqp.kafka.*}: how the topics this service declares are created. */
@Validated
@ConfigurationProperties("sqp.kafka")
record KafkaTopicProperties(
        @Positive @DefaultValue("3") int partitions,
        @Positive @DefaultValue("1") short replicationFactor) {}
