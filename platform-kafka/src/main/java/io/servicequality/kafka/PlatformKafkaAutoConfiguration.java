package io.servicequality.kafka;

import io.servicequality.contracts.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Everything a service gets by depending on this module: its {@link TopicDeclarations} created as {@code contracts}
 * specifies them, {@link ListenerFailurePolicy} as the error handler of every record listener, and dead letters
 * published to {@code <topic>.dlt} with the bytes that arrived. After Boot's Kafka configuration, whose producer factory
 * it uses; Boot's listener container factory still finds the error handler (it looks it up when it is created).
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(PlatformKafkaProperties.class)
public class PlatformKafkaAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics platformTopics(
            ObjectProvider<TopicDeclarations> declarations, PlatformKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(
                newTopics(declarations.orderedStream().toList(), properties).toArray(NewTopic[]::new));
    }

    /**
     * Keeps {@link KafkaAdmin} from adding partitions to an existing topic and refuses to start against topics with
     * fewer partitions than configured ({@link PartitionCountGuard}). Where the service does not create its topics
     * ({@code spring.kafka.admin.auto-create=false}: they are managed elsewhere) there is nothing to guard.
     */
    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnBooleanProperty(name = "spring.kafka.admin.auto-create", matchIfMissing = true)
    PartitionCountGuard platformPartitionCountGuard(
            KafkaAdmin admin, ObjectProvider<TopicDeclarations> declarations, PlatformKafkaProperties properties) {
        PartitionCountGuard guard = new PartitionCountGuard(
                admin, newTopics(declarations.orderedStream().toList(), properties));
        admin.setCreateOrModifyTopic(guard);
        return guard;
    }

    /** Each declared topic once, as contracts specifies it, and the dead-letter topic of each consumed one. */
    static List<NewTopic> newTopics(List<TopicDeclarations> declarations, PlatformKafkaProperties properties) {
        Set<String> names = new TreeSet<>();
        Set<String> deadLetterTopics = new TreeSet<>();
        for (TopicDeclarations declaration : declarations) {
            names.addAll(declaration.topics());
            declaration.deadLettered().forEach(topic -> deadLetterTopics.add(Topics.deadLetterTopicOf(topic)));
        }
        names.addAll(deadLetterTopics);
        return names.stream().map(name -> topic(name, properties)).toList();
    }

    /** Every consumer reads the platform's events as {@link EventSerialization} says. */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer platformEventDeserialization() {
        return factory -> factory.updateConfigs(EventSerialization.consumerConfigs());
    }

    /** Every producer writes the platform's events as {@link EventSerialization} says. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer platformEventSerialization() {
        return factory -> factory.updateConfigs(EventSerialization.producerConfigs());
    }

    /**
     * Publishes a record to {@code <topic>.dlt} and waits for the broker's acknowledgement, through a template of its
     * own whose value serializer writes undeserialisable values as the bytes that arrived.
     */
    @Bean
    @ConditionalOnBean(ProducerFactory.class)
    @ConditionalOnMissingBean
    DeadLetterPublishingRecoverer deadLetters(ProducerFactory<?, ?> producers) {
        @SuppressWarnings("unchecked") // the dead-letter serializer takes any value; the factory's types are erased
        ProducerFactory<Object, Object> anyValues = (ProducerFactory<Object, Object>) producers;
        var template = new KafkaTemplate<>(
                anyValues,
                false,
                Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, DeadLetterValueSerializer.class));
        return new DeadLetterPublishingRecoverer(
                template, (record, exception) -> ListenerFailurePolicy.deadLetterTopicOf(record));
    }

    @Bean
    @ConditionalOnBean(DeadLetterPublishingRecoverer.class)
    @ConditionalOnMissingBean
    CommonErrorHandler listenerFailurePolicy(DeadLetterPublishingRecoverer deadLetters) {
        return ListenerFailurePolicy.errorHandler(deadLetters);
    }

    /** Relays outboxes (see {@link Outbox}) through the service's template, waiting for the acknowledgements. */
    @Bean
    @ConditionalOnBean(KafkaOperations.class)
    @ConditionalOnMissingBean
    OutboxRelay platformOutboxRelay(
            KafkaOperations<Object, Object> kafka,
            PlatformKafkaProperties properties,
            ObjectProvider<OutboxRelay.BacklogObserver> backlog) {
        return new OutboxRelay(
                kafka, properties.outboxAckTimeout(), backlog.getIfAvailable(() -> OutboxRelay.BacklogObserver.NONE));
    }

    /**
     * Renamed consumer groups continue at their old names' offsets: every listener container factory's containers of
     * a renamed group get the takeover ({@link ConsumerGroupTakeover}). The starter owns the factories' container
     * customizer for this; no service sets one.
     */
    @Bean
    static BeanPostProcessor platformConsumerGroupTakeover(
            ObjectProvider<ConsumerGroupRenames> renames,
            ObjectProvider<KafkaAdmin> admin,
            ObjectProvider<PlatformKafkaProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
                    List<ConsumerGroupRenames.Rename> declared = renames.orderedStream()
                            .flatMap(declaration -> declaration.renames().stream())
                            .toList();
                    if (!declared.isEmpty()) {
                        ConsumerGroupTakeover takeover = new ConsumerGroupTakeover(
                                declared,
                                admin.getObject(),
                                properties.getObject().groupTakeoverTimeout());
                        attachTo(factory, takeover);
                    }
                }
                return bean;
            }
        };
    }

    private static <C extends AbstractMessageListenerContainer<K, V>, K, V> void attachTo(
            AbstractKafkaListenerContainerFactory<C, K, V> factory, ConsumerGroupTakeover takeover) {
        factory.setContainerCustomizer(takeover::attach);
    }

    private static NewTopic topic(String name, PlatformKafkaProperties properties) {
        TopicBuilder topic =
                TopicBuilder.name(name).partitions(properties.partitions()).replicas(properties.replicationFactor());
        if (Topics.isCompacted(name)) {
            topic.compact();
        } else if (Topics.isSystemOfRecord(name)) {
            topic.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.eventRetentionMs()));
        }
        return topic.build();
    }
}
