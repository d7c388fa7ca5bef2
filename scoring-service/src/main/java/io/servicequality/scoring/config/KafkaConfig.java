package io.servicequality.scoring.config;

import io.servicequality.contracts.AlertRuleChanged;
import io.servicequality.contracts.QualityTargetChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.scoring.bucket.InvalidEvent;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfig.class);

    /** Published topic, consumed topics (idempotent, so start-up order does not matter) and our dead-letter topics. */
    @Bean
    KafkaAdmin.NewTopics scoringTopics(KafkaTopicProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.METRIC_UPDATED, properties),
                topic(Topics.ALERTS, properties),
                eventTopic(Topics.FEEDBACK_SUBMITTED, properties),
                eventTopic(Topics.INTERACTION_RECORDED, properties),
                eventTopic(Topics.COMPLAINT_CHANGED, properties),
                TopicBuilder.name(Topics.QUALITY_TARGETS)
                        .partitions(properties.partitions())
                        .replicas(properties.replicationFactor())
                        .compact()
                        .build(),
                TopicBuilder.name(Topics.ALERT_RULES)
                        .partitions(properties.partitions())
                        .replicas(properties.replicationFactor())
                        .compact()
                        .build(),
                TopicBuilder.name(Topics.BRANCH_DIRECTORY)
                        .partitions(properties.partitions())
                        .replicas(properties.replicationFactor())
                        .compact()
                        .build(),
                topic(Topics.deadLetterTopicOf(Topics.FEEDBACK_SUBMITTED), properties),
                topic(Topics.deadLetterTopicOf(Topics.INTERACTION_RECORDED), properties),
                topic(Topics.deadLetterTopicOf(Topics.COMPLAINT_CHANGED), properties),
                topic(Topics.deadLetterTopicOf(Topics.BRANCH_DIRECTORY), properties));
    }

    /** An ingested event topic: the system of record, kept for {@code sqp.kafka.event-retention-ms} (forever). */
    private static NewTopic eventTopic(String name, KafkaTopicProperties properties) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.eventRetentionMs()))
                .build();
    }

    private static NewTopic topic(String name, KafkaTopicProperties properties) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .build();
    }

    @Bean
    KafkaTemplate<String, AlertRuleChanged> alertRuleTemplate(
            ProducerFactory<String, AlertRuleChanged> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    KafkaTemplate<String, QualityTargetChanged> qualityTargetTemplate(
            ProducerFactory<String, QualityTargetChanged> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    /** Same producer settings, but a value serializer that also writes the raw bytes of undeserialisable records. */
    @Bean
    KafkaTemplate<String, Object> deadLetterTemplate(ProducerFactory<String, Object> producerFactory) {
        return new KafkaTemplate<>(
                producerFactory,
                false,
                Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, DeadLetterValueSerializer.class));
    }

    /**
     * Bounded retries, then the record goes to {@code <topic>.dlt} (partition chosen by the producer, so a dead-letter
     * topic with fewer partitions works) and the partition moves on. Deserialisation failures and invalid events are
     * not retried: the outcome could not change.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, Object> deadLetterTemplate) {
        var recoverer = new DeadLetterPublishingRecoverer(
                deadLetterTemplate,
                (record, exception) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1));
        var handler = new DefaultErrorHandler(
                (record, exception) -> {
                    log.warn(
                            "dead-lettering {}-{}@{}: {}",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            rootCauseOf(exception).toString());
                    recoverer.accept(record, exception);
                },
                infrastructureBackOff());
        handler.addNotRetryableExceptions(InvalidEvent.class);
        return handler;
    }

    /**
     * A record that fails for any reason but its own content (the store or the broker is slow or down) is retried,
     * with growing pauses, for up to five minutes before it is dead-lettered: an accepted event must not end up off
     * the metrics because MongoDB stalled for a second. Invalid records skip the retries (see above).
     */
    private static BackOff infrastructureBackOff() {
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Duration.ofMinutes(5).toMillis());
        return backOff;
    }

    private static Throwable rootCauseOf(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
