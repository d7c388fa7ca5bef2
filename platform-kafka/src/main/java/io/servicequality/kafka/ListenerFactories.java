package io.servicequality.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpoint;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Listener container factories for the read models that write in bulk: batch listeners that dead-letter what they can
 * never apply themselves (see {@code DeadLetters}) and throw only when the store fails, which is then retried with
 * pauses growing to 30 s until it answers: an outage builds a backlog, never dead letters. Configured through Boot's
 * configurer, so the tenant filter and everything else the service sets for listeners applies to them too.
 */
public final class ListenerFactories {

    private ListenerFactories() {}

    /**
     * @param ackMode {@code BATCH} (committed when the listener returns) or {@code MANUAL} (the listener acknowledges
     *     once a later flush covered the batch)
     * @param maxBatchWait when not {@code null}, the broker answers a poll once 64 KB wait or after this long, so each
     *     bulk write holds what arrived meanwhile instead of an event or two
     */
    public static ConcurrentKafkaListenerContainerFactory<Object, Object> bulkWriting(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumers,
            ContainerProperties.AckMode ackMode,
            Duration maxBatchWait) {
        var factory = maxBatchWait == null
                ? new ConcurrentKafkaListenerContainerFactory<Object, Object>()
                : withConsumerDefaults(fullerBatches(maxBatchWait));
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ackMode);
        factory.setCommonErrorHandler(ListenerFailurePolicy.untilTheStoreAnswers());
        return factory;
    }

    private static Properties fullerBatches(Duration maxBatchWait) {
        Properties fullerBatches = new Properties();
        fullerBatches.setProperty(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536");
        fullerBatches.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(maxBatchWait.toMillis()));
        return fullerBatches;
    }

    /**
     * A factory whose containers' consumers get {@code defaults} unless their listener sets the same property. The
     * factory's own {@code ContainerProperties#setKafkaConsumerProperties} would not do: spring-kafka copies every
     * container property to the containers it creates except that one (it takes the endpoint's instead).
     */
    private static ConcurrentKafkaListenerContainerFactory<Object, Object> withConsumerDefaults(Properties defaults) {
        return new ConcurrentKafkaListenerContainerFactory<>() {
            @Override
            protected void initializeContainer(
                    ConcurrentMessageListenerContainer<Object, Object> container, KafkaListenerEndpoint endpoint) {
                super.initializeContainer(container, endpoint);
                Properties own = container.getContainerProperties().getKafkaConsumerProperties();
                Properties merged = new Properties();
                defaults.stringPropertyNames().forEach(name -> merged.setProperty(name, defaults.getProperty(name)));
                own.stringPropertyNames().forEach(name -> merged.setProperty(name, own.getProperty(name)));
                container.getContainerProperties().setKafkaConsumerProperties(merged);
            }
        };
    }
}
