package io.servicequality.scoring.bucket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.security.TenantGate;
import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.KStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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

    @Bean
    CountingRules countingRules(ScoringProperties properties) {
        return properties.rules();
    }

    /**
     * The topology, added to the application's streams builder; the bean is its stream of published hour updates
     * ({@code MetricUpdated} keyed {@code tenantId:branchId}), on which the alert evaluation builds. Only Kafka
     * Streams and contract types cross the feature boundary.
     */
    @Bean
    KStream<String, MetricUpdated> publishedHourUpdates(
            StreamsBuilder builder, CountingRules rules, TenantGate tenants, MeterRegistry meters) {
        // counted as platform-operations counts every listener's dead letters; a record reprocessed after an aborted
        // transaction (a crash or a lost partition) is counted again: the counter may run ahead, never behind
        return CountingTopology.addTo(
                builder,
                rules,
                tenants,
                JacksonMapperUtils.enhancedJsonMapper(),
                topic -> Counter.builder("sqp.dead-letters")
                        .description("dead letters this service published, by the topic the record came from")
                        .tag("topic", topic)
                        .register(meters)
                        .increment());
    }

    /**
     * A stream thread that dies of an unexpected error is replaced: its tasks resume from their last commit (state and
     * offsets together), so nothing is lost or counted twice, and the error is logged. A stop waits up to {@code
     * sqp.scoring.close-timeout} for the threads to commit and release the state directory (spring-kafka's default, 10
     * s, is shorter than a close in the middle of a rebalance can take; a start after a stop cut short finds the
     * directory still locked).
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer replaceFailedStreamThreads(
            @Value("${sqp.scoring.close-timeout:30s}") Duration closeTimeout) {
        return factory -> {
            factory.setCloseTimeout((int) closeTimeout.toSeconds());
            factory.setStreamsUncaughtExceptionHandler(failure -> {
                log.error("a counting stream thread failed; replacing it", failure);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
        };
    }
}
