package io.servicequality.scoring.config;

import io.servicequality.contracts.Topics;
import io.servicequality.kafka.TopicDeclarations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics scoring declares (platform-kafka creates them as contracts specifies them). */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    /**
     * What scoring publishes, and the event topics and branch directory its topologies consume (a record they can
     * never count goes to the topic's dead letters).
     */
    @Bean
    TopicDeclarations scoringTopics() {
        return TopicDeclarations.create()
                .publishes(
                        Topics.METRIC_UPDATED,
                        Topics.STAFF_METRIC_UPDATED,
                        Topics.ALERTS,
                        Topics.QUALITY_TARGETS,
                        Topics.ALERT_RULES)
                .consumes(
                        Topics.FEEDBACK_SUBMITTED,
                        Topics.INTERACTION_RECORDED,
                        Topics.COMPLAINT_CHANGED,
                        Topics.BRANCH_DIRECTORY);
    }
}
