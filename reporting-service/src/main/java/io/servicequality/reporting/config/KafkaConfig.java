package io.servicequality.reporting.config;

import io.servicequality.contracts.Topics;
import io.servicequality.kafka.ConsumerGroupRenames;
import io.servicequality.kafka.ListenerFactories;
import io.servicequality.kafka.TopicDeclarations;
import io.servicequality.security.TenantGate;
import io.servicequality.security.UnknownTenantFilter;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.CommonLoggingErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The topics reporting consumes (each with its dead letters) and those it publishes (the branch directory, alert
 * handling), declared by
 * platform-kafka as contracts specifies them; and the listener factories of its bulk-writing read models and live feed.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    @Bean
    TopicDeclarations reportingTopics() {
        return TopicDeclarations.create()
                .consumes(
                        Topics.METRIC_UPDATED,
                        Topics.STAFF_METRIC_UPDATED,
                        Topics.COMPLAINT_CHANGED,
                        Topics.ALERTS,
                        Topics.QUALITY_TARGETS,
                        Topics.CORRECTIVE_ACTIONS)
                .publishes(Topics.BRANCH_DIRECTORY, Topics.ALERT_HANDLING, Topics.RISK_GRADES);
    }

    /**
     * The read models' consumer groups, named {@code <service>.<purpose>} since issue 14, continue where their old
     * names stopped (the metric buckets' listener used the service's group).
     */
    @Bean
    ConsumerGroupRenames reportingGroupRenames() {
        return ConsumerGroupRenames.create()
                .renamed("reporting-service", "reporting-service.metric-buckets")
                .renamed("reporting-complaints", "reporting-service.complaints")
                .renamed("reporting-alerts", "reporting-service.alerts")
                .renamed("reporting-quality-targets", "reporting-service.quality-targets");
    }

    /**
     * The metric-update consumer: batches, acknowledged by the read model once it has written them (manual acks, so
     * offsets are committed only after the flush that covers them).
     */
    @Bean("metricUpdateBatches")
    ConcurrentKafkaListenerContainerFactory<Object, Object> metricUpdateBatches(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        return ListenerFactories.bulkWriting(configurer, consumers, ContainerProperties.AckMode.MANUAL, null);
    }

    /** The complaint-event and staff-day consumers: batches, committed once the listener returns. */
    @Bean({"complaintEventBatches", "staffMetricBatches"})
    ConcurrentKafkaListenerContainerFactory<Object, Object> committedBatches(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        return ListenerFactories.bulkWriting(configurer, consumers, ContainerProperties.AckMode.BATCH, null);
    }

    /**
     * The live stream's consumers: every instance reads every partition (a group of its own), commits nothing and
     * skips what it cannot read, and an unknown tenant's events without counting them: the read model's consumer
     * dead-letters or counts them once.
     */
    @Bean("liveFeedContainers")
    ConcurrentKafkaListenerContainerFactory<Object, Object> liveFeedContainers(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumers,
            TenantGate tenants) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.setRecordFilterStrategy(UnknownTenantFilter.uncounted(tenants));
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        // not even the position at assignment (spring-kafka's default for a group without offsets): a group that
        // committed it once showed an ever-growing lag in ./platform status and outlived its instance by the broker's
        // offset retention
        factory.getContainerProperties().setAssignmentCommitOption(ContainerProperties.AssignmentCommitOption.NEVER);
        factory.setCommonErrorHandler(new CommonLoggingErrorHandler());
        return factory;
    }
}
