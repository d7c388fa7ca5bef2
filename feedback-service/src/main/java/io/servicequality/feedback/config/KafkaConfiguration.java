package io.servicequality.feedback.config;

import io.servicequality.contracts.Topics;
import io.servicequality.feedback.eventlog.EventLog;
import io.servicequality.feedback.eventlog.InvalidEventException;
import io.servicequality.feedback.eventlog.LogProjection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** Published here; declared idempotently so that start-up order between services does not matter. */
    @Bean
    NewTopic feedbackSubmittedTopic(PlatformKafkaProperties kafka) {
        return eventTopic(Topics.FEEDBACK_SUBMITTED, kafka);
    }

    /** Written by this service's consumer when a feedback record cannot be processed. */
    @Bean
    NewTopic feedbackSubmittedDeadLetterTopic(PlatformKafkaProperties kafka) {
        return topic(Topics.deadLetterTopicOf(Topics.FEEDBACK_SUBMITTED), kafka);
    }

    @Bean
    NewTopic interactionRecordedTopic(PlatformKafkaProperties kafka) {
        return eventTopic(Topics.INTERACTION_RECORDED, kafka);
    }

    @Bean
    NewTopic interactionRecordedDeadLetterTopic(PlatformKafkaProperties kafka) {
        return topic(Topics.deadLetterTopicOf(Topics.INTERACTION_RECORDED), kafka);
    }

    /** API keys, published here; compacted: the latest record per key is the key's current state. */
    @Bean
    NewTopic apiKeysTopic(PlatformKafkaProperties kafka) {
        return TopicBuilder.name(Topics.API_KEYS)
                .partitions(kafka.partitions())
                .replicas(kafka.replicationFactor())
                .compact()
                .build();
    }

    /**
     * Events go out as JSON without type headers; a dead letter that could not be deserialised goes out as the
     * original bytes, so the dead-letter topic holds exactly what arrived.
     */
    @Bean
    @SuppressWarnings("unchecked")
    DefaultKafkaProducerFactoryCustomizer valueSerializers() {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(Object.class, new JacksonJsonSerializer<>());
        return producerFactory -> ((DefaultKafkaProducerFactory<Object, Object>) producerFactory)
                .setValueSerializer(new DelegatingByTypeSerializer(byType, true));
    }

    @Bean
    EventLog eventLog(KafkaOperations<Object, Object> kafka, PlatformKafkaProperties properties) {
        return new EventLog(kafka, properties.ackTimeout(), properties.retryAfter());
    }

    /**
     * Two retries half a second apart, then the dead-letter topic ({@code <topic>.dlt}); records that cannot be
     * deserialised or are invalid go there at once. Partition -1 lets the key choose, so a dead-letter topic with
     * fewer partitions works.
     */
    @Bean
    CommonErrorHandler deadLetteringErrorHandler(DeadLetterPublishingRecoverer deadLetters) {
        var handler = new DefaultErrorHandler(deadLetters, new FixedBackOff(500, 2));
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }

    /** Publishes a record to {@code <topic>.dlt} and waits for the broker's acknowledgement. */
    @Bean
    DeadLetterPublishingRecoverer deadLetters(KafkaOperations<Object, Object> kafka) {
        return new DeadLetterPublishingRecoverer(
                kafka, (record, ex) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1));
    }

    /**
     * The projections' consumers: batches, stored with one bulk insert each (offsets committed after it). Records that
     * can never be stored are dead-lettered by the projection itself; what a batch throws is a store failure, and the
     * batch is retried, with pauses growing to 30 s, until the store answers: an outage builds a backlog, never dead
     * letters. The broker answers their polls once 64 KB wait or after {@code sqp.projection.max-batch-wait}: the audit
     * lists trail by at most that, and each bulk insert holds what arrived meanwhile instead of an event or two.
     */
    @Bean(LogProjection.BATCHES)
    ConcurrentKafkaListenerContainerFactory<Object, Object> projectionBatches(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumers,
            @Value("${sqp.projection.max-batch-wait:250ms}") Duration maxBatchWait) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        Properties fullerBatches = new Properties();
        fullerBatches.setProperty(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536");
        fullerBatches.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(maxBatchWait.toMillis()));
        factory.getContainerProperties().setKafkaConsumerProperties(fullerBatches);
        var untilTheStoreAnswers = new ExponentialBackOff(1000, 2);
        untilTheStoreAnswers.setMaxInterval(30_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(untilTheStoreAnswers));
        return factory;
    }

    /** An ingested event topic: the system of record, kept for {@code sqp.kafka.event-retention-ms} (forever). */
    private static NewTopic eventTopic(String name, PlatformKafkaProperties kafka) {
        return TopicBuilder.name(name)
                .partitions(kafka.partitions())
                .replicas(kafka.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(kafka.eventRetentionMs()))
                .build();
    }

    private static NewTopic topic(String name, PlatformKafkaProperties kafka) {
        return TopicBuilder.name(name)
                .partitions(kafka.partitions())
                .replicas(kafka.replicationFactor())
                .build();
    }
}
