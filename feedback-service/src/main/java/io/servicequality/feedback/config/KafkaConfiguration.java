package io.servicequality.feedback.config;

import io.servicequality.contracts.Topics;
import io.servicequality.feedback.eventlog.EventLog;
import io.servicequality.feedback.eventlog.LogProjection;
import io.servicequality.kafka.ListenerFactories;
import io.servicequality.kafka.TopicDeclarations;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ContainerProperties;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** The event topics (published here, consumed by the audit projections) and the API keys' compacted topic. */
    @Bean
    TopicDeclarations feedbackTopics() {
        return TopicDeclarations.create()
                .publishes(Topics.FEEDBACK_SUBMITTED, Topics.INTERACTION_RECORDED, Topics.API_KEYS)
                .consumes(Topics.FEEDBACK_SUBMITTED, Topics.INTERACTION_RECORDED);
    }

    @Bean
    EventLog eventLog(KafkaOperations<Object, Object> kafka, EventLogProperties properties) {
        return new EventLog(kafka, properties.ackTimeout(), properties.retryAfter());
    }

    /**
     * The projections' consumers: batches, stored with one bulk insert each (offsets committed after it). Records that
     * can never be stored are dead-lettered by the projection itself; what a batch throws is a store failure, retried
     * until the store answers. The broker answers their polls once 64 KB wait or after
     * {@code sqp.projection.max-batch-wait}: the audit lists trail by at most that.
     */
    @Bean(LogProjection.BATCHES)
    ConcurrentKafkaListenerContainerFactory<Object, Object> projectionBatches(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumers,
            @Value("${sqp.projection.max-batch-wait:250ms}") Duration maxBatchWait) {
        return ListenerFactories.bulkWriting(configurer, consumers, ContainerProperties.AckMode.BATCH, maxBatchWait);
    }
}
