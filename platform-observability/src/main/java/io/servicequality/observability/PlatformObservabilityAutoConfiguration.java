package io.servicequality.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.servicequality.kafka.OutboxRelay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Everything a service gets by depending on this module, besides the defaults of {@link ObservabilityDefaults}: the
 * {@code kafka} health indicator of the readiness group, and the consumer groups' lag as a meter.
 */
@AutoConfiguration(
        after = KafkaAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@EnableConfigurationProperties(ObservabilityProperties.class)
public class PlatformObservabilityAutoConfiguration {

    /** Changes of an outbox the broker has not acknowledged yet, by outbox. */
    public static final String OUTBOX_BACKLOG = "sqp.outbox.backlog";

    @Bean(name = "kafkaHealthIndicator")
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafka, ObservabilityProperties properties) {
        return new KafkaHealthIndicator(kafka, properties.kafkaHealthTimeout());
    }

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    IngestOutcomes ingestOutcomes(MeterRegistry registry, ObservabilityProperties properties) {
        return new IngestOutcomes(registry, properties.ingest());
    }

    /** Outside every other filter (security's included), so that every refusal is seen with its final status. */
    @Bean
    @ConditionalOnBean(IngestOutcomes.class)
    FilterRegistrationBean<IngestOutcomes> ingestOutcomesRegistration(IngestOutcomes outcomes) {
        FilterRegistrationBean<IngestOutcomes> registration = new FilterRegistrationBean<>(outcomes);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Observed Kafka sends never wait for the cluster id ({@link ClusterIdInTheBackground}). */
    @Bean
    static BeanPostProcessor clusterIdInTheBackground(ObjectProvider<KafkaAdmin> admin) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof KafkaTemplate<?, ?> template) {
                    admin.ifAvailable(kafka -> template.setKafkaAdmin(new ClusterIdInTheBackground(kafka)));
                }
                return bean;
            }
        };
    }

    /**
     * {@code sqp.outbox.backlog{outbox}}: the changes platform-kafka's relay found still unacknowledged after its last
     * round of each outbox (its topic names it).
     */
    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    OutboxRelay.BacklogObserver outboxBacklogMeter(MeterRegistry registry) {
        Map<String, AtomicInteger> backlog = new ConcurrentHashMap<>();
        return (topic, unacknowledged) -> backlog.computeIfAbsent(
                        topic, outbox -> registry.gauge(OUTBOX_BACKLOG, Tags.of("outbox", outbox), new AtomicInteger()))
                .set(unacknowledged);
    }

    @Bean
    @ConditionalOnBean({KafkaAdmin.class, MeterRegistry.class})
    ConsumerLagMeter consumerLagMeter(
            KafkaAdmin kafka,
            ObjectProvider<KafkaListenerEndpointRegistry> listeners,
            MeterRegistry registry,
            ObservabilityProperties properties) {
        return new ConsumerLagMeter(
                kafka,
                () -> {
                    List<String> names = new ArrayList<>(properties.lagGroups());
                    listeners.ifAvailable(registry1 -> registry1.getListenerContainers().stream()
                            .map(MessageListenerContainer::getGroupId)
                            .forEach(names::add));
                    return ConsumerLagMeter.distinct(names);
                },
                registry,
                properties.lagInterval(),
                properties.kafkaHealthTimeout());
    }
}
