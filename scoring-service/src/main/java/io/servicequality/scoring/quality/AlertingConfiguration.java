package io.servicequality.scoring.quality;

import io.servicequality.contracts.MetricUpdated;
import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.JacksonMapperUtils;

/** Adds {@link AlertingTopology} to the application's streams builder, on the counting topology's hour updates. */
@Configuration(proxyBeanMethods = false)
class AlertingConfiguration {

    @Bean
    AlertingTopology.Settings alertingTopology(
            StreamsBuilder builder,
            @Qualifier("publishedHourUpdates") KStream<String, MetricUpdated> publishedHourUpdates,
            @Value("${sqp.scoring.bucket-retention}") Duration historyRetention,
            @Value("${sqp.alerts.evaluate-interval:200ms}") Duration evaluateInterval) {
        AlertingTopology.Settings settings = new AlertingTopology.Settings(historyRetention, evaluateInterval);
        AlertingTopology.addTo(builder, publishedHourUpdates, settings, JacksonMapperUtils.enhancedJsonMapper());
        return settings;
    }
}
