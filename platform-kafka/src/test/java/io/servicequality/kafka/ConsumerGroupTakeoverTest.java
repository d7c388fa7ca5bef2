package io.servicequality.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A renamed consumer group continues where its old name stopped, on a real (embedded KRaft) broker: a listener
 * container of the new group reads from the old group's committed offsets, not from {@code auto.offset.reset}.
 */
@EmbeddedKafka(partitions = 2, topics = ConsumerGroupTakeoverTest.TOPIC)
class ConsumerGroupTakeoverTest {

    static final String TOPIC = "sqp.test-events.v1";
    private static final TopicPartition FIRST = new TopicPartition(TOPIC, 0);
    private static final TopicPartition SECOND = new TopicPartition(TOPIC, 1);
    private static final int RECORDS_PER_PARTITION = 10;

    @BeforeAll
    static void tenRecordsOnEachPartition() throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker().getBrokersAsString()),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "k", "first-" + i)).get();
                producer.send(new ProducerRecord<>(TOPIC, 1, "k", "second-" + i))
                        .get();
            }
        }
    }

    @Test
    void theNewGroupStartsWhereTheOldOneStoppedAndTheContainersOwnRebalanceListenerStillRuns() throws Exception {
        commit("reporting-complaints", Map.of(FIRST, 7L, SECOND, 3L));
        AtomicInteger ownListenerCalls = new AtomicInteger();

        Map<TopicPartition, Long> firstRead = readWith(
                "reporting-service.complaints",
                rename("reporting-complaints", "reporting-service.complaints"),
                new ConsumerAwareRebalanceListener() {
                    @Override
                    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                        ownListenerCalls.incrementAndGet();
                    }
                },
                3 + 7);

        assertThat(firstRead).isEqualTo(Map.of(FIRST, 7L, SECOND, 3L));
        assertThat(ownListenerCalls).hasPositiveValue();
    }

    @Test
    void aGroupThatHasCommittedOffsetsOfItsOwnKeepsThem() throws Exception {
        commit("old-alerts", Map.of(FIRST, 2L, SECOND, 2L));
        commit("reporting-service.alerts", Map.of(FIRST, 8L, SECOND, 9L));

        assertThat(readWith("reporting-service.alerts", rename("old-alerts", "reporting-service.alerts"), null, 2 + 1))
                .isEqualTo(Map.of(FIRST, 8L, SECOND, 9L));
    }

    @Test
    void withoutOffsetsUnderTheOldNameTheNewGroupStartsAsAnyNewGroup() throws Exception {
        assertThat(readWith(
                        "reporting-service.targets",
                        rename("never-used", "reporting-service.targets"),
                        null,
                        2 * RECORDS_PER_PARTITION))
                .isEqualTo(Map.of(FIRST, 0L, SECOND, 0L));
    }

    @Test
    void aContainerOfAnotherGroupIsLeftAsItIs() {
        var container = container("reporting-service.other", null);
        var before = container.getContainerProperties().getConsumerRebalanceListener();
        takeover(rename("a-b", "reporting-service.moved")).attach(container);

        assertThat(container.getContainerProperties().getConsumerRebalanceListener())
                .isSameAs(before);

        var renamed = container("reporting-service.moved", null);
        takeover(rename("a-b", "reporting-service.moved")).attach(renamed);
        assertThat(renamed.getContainerProperties().getConsumerRebalanceListener())
                .isNotSameAs(before);
    }

    @Test
    void newNamesFollowServiceDotPurpose() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsumerGroupRenames.create().renamed("reporting-alerts", "reporting-alerts-2"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsumerGroupRenames.create().renamed("a.b", "a.b"));
    }

    /** Runs a container of {@code group} until it read {@code expected} records; @return the first offset per partition */
    private static Map<TopicPartition, Long> readWith(
            String group, ConsumerGroupRenames renames, ConsumerAwareRebalanceListener own, int expected) {
        Map<TopicPartition, Long> first = new ConcurrentHashMap<>();
        var read = new ConcurrentLinkedQueue<ConsumerRecord<String, String>>();
        var container = container(group, own);
        container.getContainerProperties().setMessageListener((MessageListener<String, String>) record -> {
            first.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
            read.add(record);
        });
        takeover(renames).attach(container);
        container.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> read.size() >= expected);
            // nothing more than the records after the starting offsets
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> read.size() == expected);
        } finally {
            container.stop();
        }
        return first;
    }

    private static ConcurrentMessageListenerContainer<String, String> container(
            String group, ConsumerAwareRebalanceListener own) {
        var consumers = new DefaultKafkaConsumerFactory<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker().getBrokersAsString(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
        var properties = new ContainerProperties(TOPIC);
        properties.setGroupId(group);
        properties.setConsumerRebalanceListener(own);
        return new ConcurrentMessageListenerContainer<>(consumers, properties);
    }

    private static ConsumerGroupRenames rename(String from, String to) {
        return ConsumerGroupRenames.create().renamed(from, to);
    }

    private static ConsumerGroupTakeover takeover(ConsumerGroupRenames renames) {
        return new ConsumerGroupTakeover(
                renames.renames(),
                new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker().getBrokersAsString())),
                Duration.ofSeconds(30));
    }

    private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker().getBrokersAsString()))) {
            admin.alterConsumerGroupOffsets(
                            group,
                            offsets.entrySet().stream()
                                    .collect(Collectors.toMap(
                                            Map.Entry::getKey, entry -> new OffsetAndMetadata(entry.getValue()))))
                    .all()
                    .get();
        }
    }

    private static EmbeddedKafkaBroker broker() {
        return EmbeddedKafkaCondition.getBroker();
    }
}
