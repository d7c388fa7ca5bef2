package io.servicequality.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

class PlatformKafkaAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(KafkaAutoConfiguration.class, PlatformKafkaAutoConfiguration.class))
            .withPropertyValues("sqp.kafka.partitions=6", "sqp.kafka.replication-factor=3");

    @Test
    void declaresEveryTopicOfEveryDeclarationAsContractsSpecifiesItWithDeadLettersForConsumedOnes() {
        List<TopicDeclarations> declarations = List.of(
                TopicDeclarations.create().publishes(Topics.COMPLAINT_CHANGED, Topics.BRANCH_DIRECTORY),
                TopicDeclarations.create()
                        .consumes(Topics.METRIC_UPDATED, Topics.COMPLAINT_CHANGED)
                        .reads(Topics.API_KEYS));

        Map<String, NewTopic> topics = PlatformKafkaAutoConfiguration.newTopics(
                        declarations,
                        new PlatformKafkaProperties(6, (short) 3, -1, Duration.ofSeconds(10), Duration.ofSeconds(30)))
                .stream()
                .collect(Collectors.toMap(NewTopic::name, topic -> topic));

        assertThat(topics)
                .containsOnlyKeys(
                        Topics.COMPLAINT_CHANGED,
                        Topics.BRANCH_DIRECTORY,
                        Topics.METRIC_UPDATED,
                        Topics.API_KEYS,
                        Topics.deadLetterTopicOf(Topics.METRIC_UPDATED),
                        Topics.deadLetterTopicOf(Topics.COMPLAINT_CHANGED));
        assertThat(topics.values()).allSatisfy(topic -> {
            assertThat(topic.numPartitions()).isEqualTo(6);
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        });
        // the system of record is kept forever, whichever service declares it first
        assertThat(topics.get(Topics.COMPLAINT_CHANGED).configs()).containsEntry("retention.ms", "-1");
        assertThat(topics.get(Topics.BRANCH_DIRECTORY).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.get(Topics.API_KEYS).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.get(Topics.METRIC_UPDATED).configs()).isNullOrEmpty();
    }

    @Test
    void theAdminThatCreatesTopicsIsGuardedAgainstAddingPartitionsAndOneThatDoesNotIsLeftAlone() {
        context.run(context -> assertThat(context).hasSingleBean(PartitionCountGuard.class));
        context.withPropertyValues("spring.kafka.admin.auto-create=false")
                .run(context -> assertThat(context).doesNotHaveBean(PartitionCountGuard.class));
    }

    @Test
    void everyRecordListenerGetsTheDeadLetteringFailurePolicy() {
        context.run(context -> {
            assertThat(context).hasSingleBean(DeadLetterPublishingRecoverer.class);
            assertThat(context.getBean(CommonErrorHandler.class)).isNotNull();
        });
    }

    @Test
    void deadLettersGoToTheTopicsDltWithThePartitionLeftToTheProducer() {
        var target = ListenerFailurePolicy.deadLetterTopicOf(new ConsumerRecord<>(Topics.ALERTS, 2, 17L, "k", "v"));

        assertThat(target.topic()).isEqualTo("sqp.alerts.v1.dlt");
        assertThat(target.partition()).isEqualTo(-1);
    }

    @Test
    void anUnreachableStoreIsWaitedOutForAboutHalfAMinuteBeforeDeadLettering() {
        var failure = new ListenerExecutionFailedException(
                "listener failed", new DataAccessResourceFailureException("Timed out connecting"));

        BackOffExecution pauses = ListenerFailurePolicy.backOffFor(failure).start();

        assertThat(new long[] {
                    pauses.nextBackOff(),
                    pauses.nextBackOff(),
                    pauses.nextBackOff(),
                    pauses.nextBackOff(),
                    pauses.nextBackOff(),
                    pauses.nextBackOff()
                })
                .containsExactly(1000, 2000, 4000, 8000, 16000, BackOffExecution.STOP);
    }

    @Test
    void otherFailuresKeepTheShortDefaultRetries() {
        assertThat(ListenerFailurePolicy.backOffFor(
                        new ListenerExecutionFailedException("listener failed", new IllegalStateException())))
                .isNull();
        assertThat(ListenerFailurePolicy.backOffFor(new InvalidEventException("branchId is required")))
                .isNull();
    }
}
