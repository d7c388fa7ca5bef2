package io.servicequality.complaint.config;

import io.servicequality.contracts.Topics;
import io.servicequality.kafka.ConsumerGroupRenames;
import io.servicequality.kafka.TopicDeclarations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topics this service publishes (complaint events, which its webhook dispatcher also consumes, and corrective
 * actions), and the other topics the webhooks
 * notify of: alerts, alert handling and risk grades (platform-kafka declares them as contracts specifies them:
 * complaint events are a system of record, kept forever by default).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    TopicDeclarations complaintTopics() {
        return TopicDeclarations.create()
                .publishes(Topics.COMPLAINT_CHANGED, Topics.CORRECTIVE_ACTIONS)
                .consumes(Topics.COMPLAINT_CHANGED, Topics.ALERTS, Topics.ALERT_HANDLING, Topics.RISK_GRADES);
    }

    /** The webhook dispatcher's group, named {@code <service>.<purpose>} since issue 14, continues where it stopped. */
    @Bean
    ConsumerGroupRenames complaintGroupRenames() {
        return ConsumerGroupRenames.create().renamed("complaint-service-webhook", "complaint-service.webhooks");
    }
}
