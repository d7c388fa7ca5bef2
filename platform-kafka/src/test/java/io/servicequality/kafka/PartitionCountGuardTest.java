package io.servicequality.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * On a real (embedded KRaft) broker: raising the configured partition count of an existing keyed topic neither
 * re-partitions it nor goes unnoticed — the service refuses to start, naming the topic and both counts — while a new
 * topic is made with the configured count and a lower configured count is harmless.
 */
@EmbeddedKafka(partitions = 2, topics = PartitionCountGuardTest.EXISTING)
class PartitionCountGuardTest {

    static final String EXISTING = "sqp.guarded-events.v1";

    @Test
    void anExistingTopicIsNeverGivenMorePartitionsAndTheServiceRefusesToStart() {
        KafkaAdmin admin = admin(topic(EXISTING, 6));
        PartitionCountGuard guard = new PartitionCountGuard(admin, List.of(topic(EXISTING, 6)));
        admin.setCreateOrModifyTopic(guard);

        admin.initialize();

        assertThat(partitionsOf(admin, EXISTING)).as("left as it was").isEqualTo(2);
        assertThatThrownBy(guard::afterSingletonsInstantiated)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(EXISTING + " has 2 partitions, 6 are configured")
                .hasMessageContaining("SQP_KAFKA_PARTITIONS");
    }

    @Test
    void withoutTheGuardSpringsAdminWouldHaveAddedThem() {
        String topic = "sqp.unguarded-events.v1";
        KafkaAdmin admin = admin(topic(topic, 2));
        admin.initialize();
        assertThat(partitionsOf(admin, topic)).isEqualTo(2);

        KafkaAdmin raised = admin(topic(topic, 5));
        raised.initialize();

        assertThat(partitionsOf(raised, topic)).isEqualTo(5);
    }

    @Test
    void aNewTopicGetsTheConfiguredCountAndALowerConfiguredCountIsHarmless() {
        String fresh = "sqp.fresh-events.v1";
        List<NewTopic> declared = List.of(topic(fresh, 4), topic(EXISTING, 1));
        KafkaAdmin admin = admin(declared.toArray(NewTopic[]::new));
        PartitionCountGuard guard = new PartitionCountGuard(admin, declared);
        admin.setCreateOrModifyTopic(guard);

        admin.initialize();
        guard.afterSingletonsInstantiated();

        assertThat(partitionsOf(admin, fresh)).isEqualTo(4);
        assertThat(partitionsOf(admin, EXISTING)).isEqualTo(2);
    }

    private static NewTopic topic(String name, int partitions) {
        return TopicBuilder.name(name).partitions(partitions).replicas(1).build();
    }

    private static KafkaAdmin admin(NewTopic... topics) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        KafkaAdmin admin =
                new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        admin.setFatalIfBrokerNotAvailable(true);
        var context = new org.springframework.context.support.GenericApplicationContext();
        context.registerBean("topics", KafkaAdmin.NewTopics.class, () -> new KafkaAdmin.NewTopics(topics));
        context.refresh();
        admin.setApplicationContext(context);
        return admin;
    }

    private static int partitionsOf(KafkaAdmin admin, String topic) {
        return admin.describeTopics(topic).get(topic).partitions().size();
    }
}
