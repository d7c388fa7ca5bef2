package io.servicequality.complaint.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxBacklogTest {

    private final OutboxBacklog backlog = new OutboxBacklog();

    @Test
    void handsOutTheLongestWaitingFirstEachOnceUpToTheLimit() {
        backlog.add("a");
        backlog.add("b");
        backlog.add("a");
        backlog.addAll(List.of("c", "d"));

        assertThat(backlog.take(3)).containsExactly("a", "b", "c");
        assertThat(backlog.take(3)).containsExactly("d");
        assertThat(backlog.take(3)).isEmpty();
    }

    @Test
    void aComplaintPutBackAfterAFailedAttemptWaitsBehindTheOthers() {
        backlog.addAll(List.of("failed", "other"));
        assertThat(backlog.remove("failed")).isTrue();
        assertThat(backlog.remove("failed"))
                .as("taken by another thread already")
                .isFalse();

        backlog.add("failed");

        assertThat(backlog.take(10)).containsExactly("other", "failed");
    }
}
