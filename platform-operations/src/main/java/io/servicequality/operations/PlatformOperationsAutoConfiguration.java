package io.servicequality.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.servicequality.kafka.PlatformKafkaAutoConfiguration;
import io.servicequality.kafka.TopicDeclarations;
import io.servicequality.security.Authorities;
import io.servicequality.security.CallerAccess;
import io.servicequality.security.EndpointRules;
import io.servicequality.security.PlatformSecurityProperties;
import io.servicequality.security.Role;
import io.servicequality.security.audit.AuditTrail;
import io.servicequality.security.audit.PlatformAuditAutoConfiguration;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * What a service gets by depending on this module: every dead letter it publishes counted
 * ({@code sqp.dead-letters}), and — when it declares topics and keeps an audit trail — {@code /api/v1/dead-letters}
 * over the dead-letter topics of what it consumes, for ADMINs, with the {@code sqp.dead-letters.pending} gauge.
 */
@AutoConfiguration(
        after = {
            KafkaAutoConfiguration.class,
            PlatformKafkaAutoConfiguration.class,
            PlatformAuditAutoConfiguration.class
        })
@EnableConfigurationProperties(PlatformOperationsProperties.class)
public class PlatformOperationsAutoConfiguration {

    /** Counts each dead letter platform-kafka's publisher sends (see {@link DeadLetterCounting}). */
    @Bean
    static BeanPostProcessor platformDeadLetterCounting(ObjectProvider<MeterRegistry> registry) {
        return new DeadLetterCounting(registry);
    }

    /** The dead-letter API, its role rule and its gauge. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean({
        TopicDeclarations.class,
        AuditTrail.class,
        CallerAccess.class,
        KafkaAdmin.class,
        ConsumerFactory.class,
        ProducerFactory.class
    })
    static class DeadLetterApi {

        @Bean
        DeadLetterTopics deadLetterTopics(ObjectProvider<TopicDeclarations> declarations) {
            return new DeadLetterTopics(declarations.orderedStream().toList());
        }

        /**
         * Reads and writes bytes as they are, with the service's own Kafka settings (brokers, security): no consumer
         * group for reading (the marks are written through the admin client), byte serializers for replays.
         */
        @Bean(destroyMethod = "close")
        DeadLetterLog deadLetterLog(
                KafkaAdmin kafkaAdmin,
                ConsumerFactory<?, ?> consumerFactory,
                ProducerFactory<?, ?> producerFactory,
                PlatformOperationsProperties properties,
                Environment environment) {
            Map<String, Object> consumerConfigs = new HashMap<>(consumerFactory.getConfigurationProperties());
            consumerConfigs.remove(ConsumerConfig.GROUP_ID_CONFIG);
            consumerConfigs.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
            consumerConfigs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumerConfigs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            Map<String, Object> producerConfigs = new HashMap<>(producerFactory.getConfigurationProperties());
            producerConfigs.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            producerConfigs.put(ProducerConfig.ACKS_CONFIG, "all");
            producerConfigs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            String group = properties.deadLetters().group().isBlank()
                    ? environment.getProperty("spring.application.name", "application") + ".dead-letters"
                    : properties.deadLetters().group();
            return new DeadLetterLog(
                    Admin.create(kafkaAdmin.getConfigurationProperties()),
                    new DefaultKafkaConsumerFactory<>(
                            consumerConfigs, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                    new DefaultKafkaProducerFactory<>(
                            producerConfigs, new ByteArraySerializer(), new ByteArraySerializer()),
                    group,
                    properties.deadLetters().brokerTimeout());
        }

        @Bean
        DeadLetterVisibility deadLetterVisibility(
                PlatformOperationsProperties properties, ObjectProvider<PlatformSecurityProperties> security) {
            List<String> knownTenants = security.getIfAvailable() == null
                    ? List.of()
                    : security.getIfAvailable().knownTenants();
            return new DeadLetterVisibility(properties.operatorTenant(), knownTenants);
        }

        @Bean(destroyMethod = "close")
        PendingDeadLetters pendingDeadLetters(
                DeadLetterTopics topics,
                DeadLetterLog log,
                PlatformOperationsProperties properties,
                ObjectProvider<Clock> clock) {
            return new PendingDeadLetters(
                    topics, log, properties.deadLetters().pendingRefresh(), clock.getIfAvailable(Clock::systemUTC));
        }

        /** The pending gauges, and the dead-letter counters at zero (a rate exists before the first dead letter). */
        @Bean
        MeterBinder deadLetterMeters(DeadLetterTopics topics, PendingDeadLetters pending) {
            return registry -> {
                pending.bindTo(registry);
                topics.deadLetterTopics()
                        .forEach(topic -> DeadLetterCounting.counter(registry, topics.originalOf(topic)));
            };
        }

        @Bean
        DeadLetterOperations deadLetterOperations(
                DeadLetterTopics topics,
                DeadLetterLog log,
                DeadLetterVisibility visibility,
                CallerAccess callers,
                AuditTrail audit,
                PlatformOperationsProperties properties,
                PendingDeadLetters pending) {
            return new DeadLetterOperations(topics, log, visibility, callers, audit, properties.deadLetters(), pending);
        }

        @Bean
        DeadLetterController deadLetterController(DeadLetterOperations operations) {
            return new DeadLetterController(operations);
        }

        /** Dead letters are the ADMINs' (which of them an ADMIN sees: {@link DeadLetterVisibility}). */
        @Bean
        EndpointRules deadLetterRules() {
            return rules -> rules.requestMatchers(DeadLetterController.PATH, DeadLetterController.PATH + "/**")
                    .hasAnyAuthority(Authorities.roles(Role.ADMIN).toArray());
        }
    }
}
