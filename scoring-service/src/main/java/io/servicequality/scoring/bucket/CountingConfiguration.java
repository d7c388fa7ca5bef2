package io.servicequality.scoring.bucket;

import io.servicequality.security.TenantGate;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.support.JacksonMapperUtils;

/**
 * Runs {@link CountingTopology} on spring-kafka's {@code StreamsBuilderFactoryBean}, configured from {@code
 * spring.kafka.streams.*} (application id, state directory, {@code exactly_once_v2}, the RocksDB budget).
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class CountingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CountingConfiguration.class);

    /** The topology, added to the application's streams builder; the bean is the rules it counts by. */
    @Bean
    CountingRules countingRules(StreamsBuilder builder, ScoringProperties properties, TenantGate tenants) {
        CountingRules rules = properties.rules();
        CountingTopology.addTo(builder, rules, tenants, JacksonMapperUtils.enhancedJsonMapper());
        return rules;
    }

    /**
     * A stream thread that dies of an unexpected error is replaced: its tasks resume from their last commit (state and
     * offsets together), so nothing is lost or counted twice, and the error is logged.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer replaceFailedStreamThreads() {
        return factory -> factory.setStreamsUncaughtExceptionHandler(failure -> {
            log.error("a counting stream thread failed; replacing it", failure);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }
}
