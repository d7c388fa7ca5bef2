package io.servicequality.complaint.config;

import io.servicequality.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Declares the topic this service publishes (idempotently: an existing topic is left as it is). */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    NewTopic complaintChangedTopic(TopicProperties topics) {
        return TopicBuilder.name(Topics.COMPLAINT_CHANGED)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                // the system of record for complaint events: a rebuild of the metrics recounts from its beginning
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topics.eventRetentionMs()))
                .build();
    }

    /**
     * {@code sqp.kafka.partitions}, {@code sqp.kafka.replication-factor} and {@code sqp.kafka.event-retention-ms} (-1,
     * the default: forever) of the topic declared here.
     */
    @ConfigurationProperties("sqp.kafka")
    record TopicProperties(
            @DefaultValue("3") int partitions,
            @DefaultValue("1") int replicationFactor,
            @DefaultValue("-1") long eventRetentionMs) {}
}
