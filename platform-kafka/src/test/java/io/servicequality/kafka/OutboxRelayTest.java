package io.servicequality.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.kafka.OutboxRelay.Publication;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.kafka.core.KafkaOperations;
import tools.jackson.databind.json.JsonMapper;

class OutboxRelayTest {

    @SuppressWarnings("unchecked")
    private final KafkaOperations<Object, Object> kafka = mock(KafkaOperations.class);

    private final OutboxRelay relay = new OutboxRelay(kafka, Duration.ofSeconds(1));

    private final PlatformEvent change =
            JsonMapper.builder().build().readValue(EventSample.BRANCH_CHANGED.json(), BranchChanged.class);

    /** Three documents of one outbox, each announcing the same sample change. */
    private final class ThreeDocuments implements Outbox<String> {

        final List<String> published = new ArrayList<>();

        @Override
        public String topic() {
            return "sqp.branch-directory.v1";
        }

        @Override
        public List<String> unpublished(int limit) {
            return List.of("first", "second", "third").subList(0, Math.min(3, limit));
        }

        @Override
        public PlatformEvent eventOf(String document) {
            return change;
        }

        @Override
        public void published(String document) {
            published.add(document);
        }
    }

    @Test
    void marksEachChangePublishedOnlyAfterTheBrokersAcknowledgementInOrder() {
        given(kafka.send(eq("sqp.branch-directory.v1"), eq(change.recordKey()), any()))
                .willReturn(CompletableFuture.completedFuture(null));
        ThreeDocuments outbox = new ThreeDocuments();

        assertThat(relay.relay(outbox, 10)).isEqualTo(3);

        assertThat(outbox.published).containsExactly("first", "second", "third");
        InOrder order = inOrder(kafka);
        order.verify(kafka, org.mockito.Mockito.times(3)).send("sqp.branch-directory.v1", change.recordKey(), change);
    }

    @Test
    void stopsAtTheFirstChangeTheBrokerDoesNotAcknowledgeSoNoLaterChangeOvertakesIt() {
        given(kafka.send(eq("sqp.branch-directory.v1"), eq(change.recordKey()), any()))
                .willReturn(CompletableFuture.completedFuture(null))
                .willReturn(CompletableFuture.failedFuture(new TimeoutException("broker away")))
                .willReturn(CompletableFuture.completedFuture(null));
        ThreeDocuments outbox = new ThreeDocuments();

        assertThat(relay.relay(outbox, 10)).isEqualTo(1);

        assertThat(outbox.published).containsExactly("first");
    }

    @Test
    void tellsHowManyChangesARoundLeftUnacknowledged() {
        given(kafka.send(eq("sqp.branch-directory.v1"), eq(change.recordKey()), any()))
                .willReturn(CompletableFuture.completedFuture(null))
                .willReturn(CompletableFuture.failedFuture(new TimeoutException("broker away")))
                .willReturn(CompletableFuture.completedFuture(null));
        List<String> rounds = new ArrayList<>();
        OutboxRelay observed = new OutboxRelay(
                kafka, Duration.ofSeconds(1), (topic, unacknowledged) -> rounds.add(topic + "=" + unacknowledged));

        observed.relay(new ThreeDocuments(), 10);

        assertThat(rounds).containsExactly("sqp.branch-directory.v1=2");
    }

    @Test
    void takesNoMoreThanTheLimitInOneRound() {
        given(kafka.send(eq("sqp.branch-directory.v1"), eq(change.recordKey()), any()))
                .willReturn(CompletableFuture.completedFuture(null));
        ThreeDocuments outbox = new ThreeDocuments();

        assertThat(relay.relay(outbox, 2)).isEqualTo(2);

        assertThat(outbox.published).containsExactly("first", "second");
    }

    /** A change of one branch: its record key is {@code tenant:<branchId>}. */
    private record Change(UUID eventId, String tenantId, String branchId, Instant occurredAt, int schemaVersion)
            implements PlatformEvent {

        static Change of(String branchId) {
            return new Change(UUID.randomUUID(), "tenant", branchId, Instant.parse("2026-11-20T10:00:00Z"), 1);
        }
    }

    private static final String TOPIC = "sqp.complaint-changed.v1";

    private final Change a1 = Change.of("A");
    private final Change a2 = Change.of("A");
    private final Change b1 = Change.of("B");
    private final Change c1 = Change.of("C");

    /** Groups A (two events), B and C, in that order. */
    private Map<String, List<Change>> groupsAbc() {
        Map<String, List<Change>> groups = new LinkedHashMap<>();
        groups.put("A", List.of(a1, a2));
        groups.put("B", List.of(b1));
        groups.put("C", List.of(c1));
        return groups;
    }

    private void acknowledges(Change... changes) {
        for (Change change : changes) {
            given(kafka.send(TOPIC, change.recordKey(), change)).willReturn(CompletableFuture.completedFuture(null));
        }
    }

    @Test
    void publishReportsEveryGroupAcknowledgedAfterSendingAllEventsInOrderKeyedByTheirRecordKey() {
        acknowledges(a1, a2, b1, c1);

        Publication<String> publication = relay.publish(TOPIC, groupsAbc());

        assertThat(publication.acknowledged()).containsExactly("A", "B", "C");
        assertThat(publication.failed()).isEmpty();
        InOrder order = inOrder(kafka);
        order.verify(kafka).send(TOPIC, "tenant:A", a1);
        order.verify(kafka).send(TOPIC, "tenant:A", a2);
        order.verify(kafka).send(TOPIC, "tenant:B", b1);
        order.verify(kafka).send(TOPIC, "tenant:C", c1);
    }

    @Test
    void publishReportsOnlyTheGroupWhoseEventTheBrokerRejectedAsFailed() {
        acknowledges(a1, b1, c1);
        given(kafka.send(TOPIC, a2.recordKey(), a2))
                .willReturn(CompletableFuture.failedFuture(new TimeoutException("broker away")));

        Publication<String> publication = relay.publish(TOPIC, groupsAbc());

        assertThat(publication.acknowledged()).containsExactly("B", "C");
        assertThat(publication.failed()).containsExactly("A");
    }

    @Test
    void publishReportsAGroupNotAcknowledgedWithinTheTimeoutAsFailedAndWaitsOnceForAllGroups() {
        OutboxRelay withShortTimeout = new OutboxRelay(kafka, Duration.ofMillis(800));
        acknowledges(a1, a2);
        given(kafka.send(TOPIC, b1.recordKey(), b1)).willReturn(new CompletableFuture<>());
        given(kafka.send(TOPIC, c1.recordKey(), c1)).willReturn(new CompletableFuture<>());

        long started = System.nanoTime();
        Publication<String> publication = withShortTimeout.publish(TOPIC, groupsAbc());
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(publication.acknowledged()).containsExactly("A");
        assertThat(publication.failed()).containsExactly("B", "C");
        assertThat(waited)
                .as("one deadline for the whole publication, not one timeout per unacknowledged group")
                .isGreaterThanOrEqualTo(Duration.ofMillis(800))
                .isLessThan(Duration.ofMillis(1600));
    }

    @Test
    void publishFailsTheGroupWhoseSendIsRefusedAtOnceWithoutSendingItsLaterEventsAndSendsTheOthers() {
        given(kafka.send(TOPIC, a1.recordKey(), a1)).willThrow(new IllegalStateException("producer closed"));
        acknowledges(a2, b1, c1);

        Publication<String> publication = relay.publish(TOPIC, groupsAbc());

        assertThat(publication.acknowledged()).containsExactly("B", "C");
        assertThat(publication.failed()).containsExactly("A");
        verify(kafka, never()).send(TOPIC, a2.recordKey(), a2);
    }

    @Test
    void publishInterruptedStopsWaitingCountsOnlyWhatWasAcknowledgedAndKeepsTheThreadInterrupted() {
        acknowledges(a1, a2, c1);
        given(kafka.send(TOPIC, b1.recordKey(), b1)).willReturn(new CompletableFuture<>());

        Thread.currentThread().interrupt();
        Publication<String> publication;
        try {
            publication = relay.publish(TOPIC, groupsAbc());
        } finally {
            assertThat(Thread.interrupted()).as("still interrupted").isTrue();
        }

        assertThat(publication.acknowledged()).containsExactly("A", "C");
        assertThat(publication.failed()).containsExactly("B");
    }
}
