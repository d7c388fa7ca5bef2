package io.servicequality.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The {@code kafka} health check and the consumer-lag meter against a real (embedded KRaft) broker. */
@EmbeddedKafka(partitions = 1, topics = KafkaHealthAndLagTest.TOPIC)
class KafkaHealthAndLagTest {

    static final String TOPIC = "sqp.test-events.v1";

    @BeforeAll
    static void tenRecords() throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker().getBrokersAsString()),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "v" + i)).get();
            }
        }
        try (Admin admin = Admin.create(adminConfig(broker().getBrokersAsString()))) {
            admin.alterConsumerGroupOffsets(
                            "reporting-service.complaints",
                            Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(4)))
                    .all()
                    .get();
        }
    }

    @Test
    void kafkaIsUpWithItsBrokersWhileTheClusterAnswers() {
        try (var health = new KafkaHealthIndicator(reachable(), Duration.ofSeconds(5))) {
            var answer = health.health(true);

            assertThat(answer.getStatus()).isEqualTo(Status.UP);
            assertThat(answer.getDetails()).containsEntry("brokers", 1);
        }
    }

    @Test
    void kafkaIsDownWhenNoBrokerAnswers() {
        try (var health = new KafkaHealthIndicator(unreachable(), Duration.ofMillis(500))) {
            assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void theLagIsTheEndOffsetMinusTheCommittedOnePerGroupAndTopic() {
        var registry = new SimpleMeterRegistry();
        var meter = new ConsumerLagMeter(
                reachable(),
                () -> Set.of("reporting-service.complaints", "reporting-service.never-committed"),
                registry,
                Duration.ofMinutes(1),
                Duration.ofSeconds(5));

        assertThat(meter.measure()).isEqualTo(Map.of("reporting-service.complaints", Map.of(TOPIC, 6L)));
        assertThat(registry.get(ConsumerLagMeter.METER)
                        .tags("group", "reporting-service.complaints", "topic", TOPIC)
                        .gauge()
                        .value())
                .isEqualTo(6.0);
        assertThat(registry.find(ConsumerLagMeter.METER)
                        .tag("group", "reporting-service.never-committed")
                        .gauge())
                .as("a group that committed nothing has no lag to show")
                .isNull();
    }

    @Test
    void aLagThatCannotBeReadIsNotShownAsCurrent() {
        var registry = new SimpleMeterRegistry();
        var brokerAway = new AtomicBoolean();
        var meter = new ConsumerLagMeter(
                reachable(),
                () -> {
                    if (brokerAway.get()) {
                        throw new TimeoutException("no broker answered");
                    }
                    return Set.of("reporting-service.complaints");
                },
                registry,
                Duration.ofMinutes(1),
                Duration.ofSeconds(5));
        meter.measure();
        assertThat(registry.find(ConsumerLagMeter.METER).gauges()).hasSize(1);

        brokerAway.set(true);

        assertThat(meter.measure()).isEmpty();
        assertThat(registry.find(ConsumerLagMeter.METER).gauges()).isEmpty();
        meter.stop();
    }

    private static KafkaAdmin reachable() {
        return new KafkaAdmin(adminConfig(broker().getBrokersAsString()));
    }

    private static KafkaAdmin unreachable() {
        return new KafkaAdmin(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 500));
    }

    private static Map<String, Object> adminConfig(String bootstrap) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    }

    private static EmbeddedKafkaBroker broker() {
        return EmbeddedKafkaCondition.getBroker();
    }
}
