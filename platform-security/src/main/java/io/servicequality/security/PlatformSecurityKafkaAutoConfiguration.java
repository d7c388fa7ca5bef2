package io.servicequality.security;

import io.servicequality.contracts.ApiKeyChanged;
import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.Topics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.adapter.RecordFilterStrategy;

/**
 * Keeps the in-memory {@link ApiKeyRegistry} and {@link BranchRegions} in step with their compacted topics, in every
 * instance, and applies the {@link UnknownTenantFilter} to every listener. Changes reach a service within the topic's propagation delay (normally well under a second).
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, PlatformSecurityAutoConfiguration.class})
@ConditionalOnClass(KafkaConnectionDetails.class)
@ConditionalOnBean({KafkaConnectionDetails.class, ApiKeyRegistry.class})
public class PlatformSecurityKafkaAutoConfiguration {

    @Bean
    @ConditionalOnProperty(name = "sqp.security.topics.api-keys", havingValue = "true", matchIfMissing = true)
    CompactedTopicReader<ApiKeyChanged> apiKeyTopicReader(
            ApiKeyRegistry keys, KafkaProperties kafka, KafkaConnectionDetails connection) {
        return new CompactedTopicReader<>(
                Topics.API_KEYS, ApiKeyChanged.class, keys::apply, consumer(kafka, connection));
    }

    @Bean
    @ConditionalOnProperty(name = "sqp.security.topics.branch-directory", havingValue = "true", matchIfMissing = true)
    CompactedTopicReader<BranchChanged> branchDirectoryReader(
            BranchRegions regions, KafkaProperties kafka, KafkaConnectionDetails connection) {
        return new CompactedTopicReader<>(
                Topics.BRANCH_DIRECTORY, BranchChanged.class, regions::apply, consumer(kafka, connection));
    }

    /** Every listener container Boot's configurer sets up drops the events of unknown tenants before its listener. */
    @Bean
    @ConditionalOnMissingBean(RecordFilterStrategy.class)
    RecordFilterStrategy<Object, Object> unknownTenantFilter(TenantGate tenants) {
        return UnknownTenantFilter.counting(tenants);
    }

    private static Map<String, Object> consumer(KafkaProperties kafka, KafkaConnectionDetails connection) {
        Map<String, Object> properties = kafka.buildConsumerProperties();
        properties.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", connection.getConsumer().getBootstrapServers()));
        return properties;
    }
}
