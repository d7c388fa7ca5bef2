package io.servicequality.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;

import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.PlatformEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    void takesNoMoreThanTheLimitInOneRound() {
        given(kafka.send(eq("sqp.branch-directory.v1"), eq(change.recordKey()), any()))
                .willReturn(CompletableFuture.completedFuture(null));
        ThreeDocuments outbox = new ThreeDocuments();

        assertThat(relay.relay(outbox, 2)).isEqualTo(2);

        assertThat(outbox.published).containsExactly("first", "second");
    }
}
