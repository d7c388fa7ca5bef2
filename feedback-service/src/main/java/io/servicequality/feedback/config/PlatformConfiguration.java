package io.servicequality.feedback.config;

import io.servicequality.feedback.idempotency.IdempotencyProperties;
import io.servicequality.feedback.ingest.IngestProperties;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({
    EventLogProperties.class,
    IngestProperties.class,
    IdempotencyProperties.class,
    PlatformConfiguration.StoreProperties.class
})
class PlatformConfiguration {

    /**
     * A store that does not answer must fail a request within seconds (and count against the circuit breaker), not
     * after the driver's 30-second server selection default.
     */
    @Bean
    MongoClientSettingsBuilderCustomizer boundedStoreTimeouts(StoreProperties store) {
        return settings -> settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                        store.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(
                                (int) store.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) store.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * @param serverSelectionTimeout longest wait for a reachable store ({@code SQP_STORE_SERVER_SELECTION_TIMEOUT})
     * @param connectTimeout of a connection to the store
     * @param readTimeout longest wait for one answer of the store
     */
    @ConfigurationProperties("sqp.store")
    record StoreProperties(
            @DefaultValue("2s") Duration serverSelectionTimeout,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout) {}
}
