package io.servicequality.reporting.config;

import io.servicequality.contracts.Topics;
import io.servicequality.reporting.alert.InvalidAlertException;
import io.servicequality.reporting.bucket.InvalidMetricUpdateException;
import io.servicequality.reporting.complaint.InvalidComplaintEventException;
import io.servicequality.reporting.qualitytarget.InvalidQualityTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonLoggingErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Topics reporting-service consumes (declared idempotently, so start-up order between services does not matter) and
 * their dead-letter topics; failed records are retried twice, then published to {@code <topic>.dlt}.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    /** 1, 2, 4, 8 and 16 s: well below the consumer's max.poll.interval.ms. */
    private static final BackOff STORE_OUTAGE_BACK_OFF = storeOutageBackOff();

    @Bean
    NewTopic metricUpdatedTopic(KafkaTopicProperties topics) {
        return topic(Topics.METRIC_UPDATED, topics);
    }

    @Bean
    NewTopic metricUpdatedDeadLetterTopic(KafkaTopicProperties topics) {
        return topic(Topics.deadLetterTopicOf(Topics.METRIC_UPDATED), topics);
    }

    @Bean
    NewTopic complaintChangedTopic(KafkaTopicProperties topics) {
        return topic(Topics.COMPLAINT_CHANGED, topics);
    }

    @Bean
    NewTopic complaintChangedDeadLetterTopic(KafkaTopicProperties topics) {
        return topic(Topics.deadLetterTopicOf(Topics.COMPLAINT_CHANGED), topics);
    }

    @Bean
    NewTopic alertsTopic(KafkaTopicProperties topics) {
        return topic(Topics.ALERTS, topics);
    }

    @Bean
    NewTopic alertsDeadLetterTopic(KafkaTopicProperties topics) {
        return topic(Topics.deadLetterTopicOf(Topics.ALERTS), topics);
    }

    /** Compacted (scoring-service declares it the same way): the latest record per target is its current state. */
    @Bean
    NewTopic qualityTargetsTopic(KafkaTopicProperties topics) {
        return TopicBuilder.name(Topics.QUALITY_TARGETS)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .compact()
                .build();
    }

    @Bean
    NewTopic qualityTargetsDeadLetterTopic(KafkaTopicProperties topics) {
        return topic(Topics.deadLetterTopicOf(Topics.QUALITY_TARGETS), topics);
    }

    /** Compacted: the latest record per branch is its current directory entry, kept forever. */
    @Bean
    NewTopic branchDirectoryTopic(KafkaTopicProperties topics) {
        return TopicBuilder.name(Topics.BRANCH_DIRECTORY)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .compact()
                .build();
    }

    /**
     * Undeserialisable records reach the dead-letter publisher as their original bytes, the others as the event: the
     * producer (used only for dead letters) writes bytes as they came and events as JSON without type headers.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer deadLetterValueSerializer() {
        Map<Class<?>, Serializer<?>> serializers = new LinkedHashMap<>();
        serializers.put(byte[].class, new ByteArraySerializer());
        serializers.put(Object.class, new JacksonJsonSerializer<>().noTypeInfo());
        var valueSerializer = new DelegatingByTypeSerializer(serializers, true);
        return factory -> {
            // configured here, completely: producer properties must not re-configure the serializers
            factory.setConfigureSerializers(false);
            withObjectValues(factory).setValueSerializer(valueSerializer);
        };
    }

    /**
     * A failing record is retried twice, 500 ms apart; while the store is unreachable, with growing pauses for about
     * half a minute (every record would fail meanwhile, and a dead letter would need replaying). Records that can never
     * succeed (undeserialisable, invalid) go to the dead letters at once. Partition -1 lets the key choose, so a
     * dead-letter topic with fewer partitions works.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(DeadLetterPublishingRecoverer deadLetters) {
        var handler = new DefaultErrorHandler(deadLetters, new FixedBackOff(500, 2));
        handler.setBackOffFunction((record, ex) -> backOffFor(ex));
        handler.addNotRetryableExceptions(
                InvalidMetricUpdateException.class,
                InvalidComplaintEventException.class,
                InvalidAlertException.class,
                InvalidQualityTargetException.class);
        return handler;
    }

    /** Publishes a record to {@code <topic>.dlt} (and waits for the broker's acknowledgement). */
    @Bean
    DeadLetterPublishingRecoverer deadLetters(KafkaOperations<?, ?> kafka) {
        return new DeadLetterPublishingRecoverer(
                kafka, (record, ex) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1));
    }

    /**
     * The metric-update consumer: batches, acknowledged by the read model once it has written them (manual acks, so
     * offsets are committed only after the flush that covers them). Records that can never be applied are
     * dead-lettered by the listener itself; what it throws is a store failure while reading branch-days it has not
     * seen yet, and the batch is retried, with pauses growing to 30 s, until the store answers: an outage builds a
     * backlog, never dead letters.
     */
    @Bean("metricUpdateBatches")
    ConcurrentKafkaListenerContainerFactory<Object, Object> metricUpdateBatches(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        return batchesRetriedUntilTheStoreAnswers(configurer, consumers, ContainerProperties.AckMode.MANUAL);
    }

    /**
     * The complaint-event consumer: batches, committed once the listener returns. Records that can never be applied
     * are dead-lettered by the listener itself; what it throws is a store failure, and the batch is retried, with
     * pauses growing to 30 s, until the store answers.
     */
    @Bean("complaintEventBatches")
    ConcurrentKafkaListenerContainerFactory<Object, Object> complaintEventBatches(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        return batchesRetriedUntilTheStoreAnswers(configurer, consumers, ContainerProperties.AckMode.BATCH);
    }

    private static ConcurrentKafkaListenerContainerFactory<Object, Object> batchesRetriedUntilTheStoreAnswers(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumers,
            ContainerProperties.AckMode ackMode) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ackMode);
        var untilTheStoreAnswers = new ExponentialBackOff(1000, 2);
        untilTheStoreAnswers.setMaxInterval(30_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(untilTheStoreAnswers));
        return factory;
    }

    /**
     * The live stream's consumers: every instance reads every partition (a group of its own), commits nothing and
     * skips what it cannot read (the read model's consumer dead-letters it).
     */
    @Bean("liveFeedContainers")
    ConcurrentKafkaListenerContainerFactory<Object, Object> liveFeedContainers(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        factory.setCommonErrorHandler(new CommonLoggingErrorHandler());
        return factory;
    }

    /** The back-off for a failure, or {@code null} for the default one. */
    static BackOff backOffFor(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException) {
                return STORE_OUTAGE_BACK_OFF;
            }
        }
        return null;
    }

    private static BackOff storeOutageBackOff() {
        var backOff = new ExponentialBackOff(1000, 2);
        backOff.setMaxAttempts(5);
        return backOff;
    }

    @SuppressWarnings("unchecked") // the serializer accepts any value; the factory's type parameters are erased
    private static DefaultKafkaProducerFactory<?, Object> withObjectValues(DefaultKafkaProducerFactory<?, ?> factory) {
        return (DefaultKafkaProducerFactory<?, Object>) factory;
    }

    private static NewTopic topic(String name, KafkaTopicProperties topics) {
        return TopicBuilder.name(name)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .build();
    }
}
