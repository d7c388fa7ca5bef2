package io.servicequality.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;

class ListenerFactoriesTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class));

    @Test
    void theConsumersOfABulkWritingListenerWaitForFullerBatches() {
        withFactory(Duration.ofMillis(250), factory -> {
            ConcurrentMessageListenerContainer<Object, Object> container = factory.createContainer("sqp.some-topic.v1");

            assertThat(container.getContainerProperties().getKafkaConsumerProperties())
                    .containsEntry("fetch.min.bytes", "65536")
                    .containsEntry("fetch.max.wait.ms", "250");
            assertThat(container.getContainerProperties().getAckMode()).isEqualTo(AckMode.BATCH);
            assertThat(factory.isBatchListener()).isTrue();
        });
    }

    @Test
    void whatTheListenerItselfSetsWins() {
        withFactory(Duration.ofMillis(250), factory -> {
            Properties own = new Properties();
            own.setProperty("fetch.max.wait.ms", "100");
            own.setProperty("max.poll.records", "50");

            ConcurrentMessageListenerContainer<Object, Object> container =
                    factory.createListenerContainer(endpoint(own));

            assertThat(container.getContainerProperties().getKafkaConsumerProperties())
                    .containsEntry("fetch.min.bytes", "65536")
                    .containsEntry("fetch.max.wait.ms", "100")
                    .containsEntry("max.poll.records", "50");
        });
    }

    @Test
    void withoutAWaitTheConsumersKeepTheClientDefaults() {
        withFactory(null, factory -> {
            ConcurrentMessageListenerContainer<Object, Object> container = factory.createContainer("sqp.some-topic.v1");

            assertThat(container.getContainerProperties().getKafkaConsumerProperties())
                    .doesNotContainKeys("fetch.min.bytes", "fetch.max.wait.ms");
        });
    }

    @SuppressWarnings("unchecked")
    private void withFactory(
            Duration maxBatchWait, Consumer<ConcurrentKafkaListenerContainerFactory<Object, Object>> test) {
        context.run(beans -> test.accept(ListenerFactories.bulkWriting(
                beans.getBean(ConcurrentKafkaListenerContainerFactoryConfigurer.class),
                beans.getBean(ConsumerFactory.class),
                AckMode.BATCH,
                maxBatchWait)));
    }

    private static MethodKafkaListenerEndpoint<Object, Object> endpoint(Properties consumerProperties) {
        try {
            var endpoint = new MethodKafkaListenerEndpoint<Object, Object>();
            var listener = new BatchListener();
            endpoint.setBean(listener);
            endpoint.setMethod(BatchListener.class.getDeclaredMethod("on", List.class));
            var handlers = new DefaultMessageHandlerMethodFactory();
            handlers.afterPropertiesSet();
            endpoint.setMessageHandlerMethodFactory(handlers);
            endpoint.setId("bulk");
            endpoint.setTopics("sqp.some-topic.v1");
            endpoint.setConsumerProperties(consumerProperties);
            return endpoint;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    static class BatchListener {

        void on(List<ConsumerRecord<Object, Object>> records) {}
    }
}
