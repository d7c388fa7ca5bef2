package io.servicequality.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** A renamed consumer group takes over the old name's offsets once, on a real (embedded KRaft) broker. */
@EmbeddedKafka(partitions = 2, topics = "sqp.test-events.v1")
class ConsumerGroupMigrationTest {

    private static final String TOPIC = "sqp.test-events.v1";
    private static final TopicPartition FIRST = new TopicPartition(TOPIC, 0);
    private static final TopicPartition SECOND = new TopicPartition(TOPIC, 1);

    @Test
    void theNewGroupStartsWhereTheOldOneStopped(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin = admin(broker)) {
            commit(admin, "reporting-complaints", Map.of(FIRST, 7L, SECOND, 3L));

            migration(broker, "reporting-complaints", "reporting-service.complaints")
                    .start();

            assertThat(committed(admin, "reporting-service.complaints")).isEqualTo(Map.of(FIRST, 7L, SECOND, 3L));
        }
    }

    @Test
    void aGroupThatHasCommittedOffsetsOfItsOwnKeepsThem(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin = admin(broker)) {
            commit(admin, "old-alerts", Map.of(FIRST, 2L));
            commit(admin, "reporting-service.alerts", Map.of(FIRST, 40L, SECOND, 41L));

            migration(broker, "old-alerts", "reporting-service.alerts").start();

            assertThat(committed(admin, "reporting-service.alerts")).isEqualTo(Map.of(FIRST, 40L, SECOND, 41L));
        }
    }

    @Test
    void withoutOffsetsUnderTheOldNameTheNewGroupStartsAfresh(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin = admin(broker)) {
            ConsumerGroupMigration migration = migration(broker, "never-used", "reporting-service.targets");
            migration.start();

            assertThat(committed(admin, "reporting-service.targets")).isEmpty();
            assertThat(migration.isRunning()).isTrue();
        }
    }

    @Test
    void anUnreachableBrokerFailsTheStartInsteadOfBeginningTheNewGroupAfresh() {
        KafkaAdmin nowhere = new KafkaAdmin(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 500));
        ConsumerGroupMigration migration = new ConsumerGroupMigration(
                ConsumerGroupRenames.create()
                        .renamed("old", "some-service.purpose")
                        .renames(),
                nowhere,
                Duration.ofSeconds(2));

        assertThatIllegalStateException()
                .isThrownBy(migration::start)
                .withMessageContaining("old")
                .withMessageContaining("some-service.purpose");
        assertThat(migration.isRunning()).isFalse();
    }

    @Test
    void newNamesFollowServiceDotPurpose() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsumerGroupRenames.create().renamed("reporting-alerts", "reporting-alerts-2"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsumerGroupRenames.create().renamed("a.b", "a.b"));
        assertThat(ConsumerGroupRenames.create()
                        .renamed("complaint-service-webhook", "complaint-service.webhooks")
                        .renames())
                .containsExactly(
                        new ConsumerGroupRenames.Rename("complaint-service-webhook", "complaint-service.webhooks"));
    }

    private static ConsumerGroupMigration migration(EmbeddedKafkaBroker broker, String from, String to) {
        return new ConsumerGroupMigration(
                ConsumerGroupRenames.create().renamed(from, to).renames(),
                new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString())),
                Duration.ofSeconds(30));
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    private static void commit(Admin admin, String group, Map<TopicPartition, Long> offsets) throws Exception {
        admin.alterConsumerGroupOffsets(
                        group,
                        offsets.entrySet().stream()
                                .collect(Collectors.toMap(
                                        Map.Entry::getKey, entry -> new OffsetAndMetadata(entry.getValue()))))
                .all()
                .get();
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> entry.getValue().offset()));
    }
}
