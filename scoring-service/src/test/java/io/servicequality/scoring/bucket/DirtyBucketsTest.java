package io.servicequality.scoring.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirtyBucketsTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final DirtyBuckets dirty = new DirtyBuckets();

    @Test
    void handsOutTheLongestWaitingBucketsFirstAndEachOnlyOnce() {
        dirty.mark(List.of("b"), T0.plusMillis(20));
        dirty.mark(List.of("a", "c"), T0);
        dirty.mark(List.of("a"), T0.plusMillis(50)); // already waiting: keeps its earlier time

        assertThat(dirty.takeDue(2, T0.plusMillis(100), MIN_INTERVAL)).containsOnlyKeys("a", "c");
        assertThat(dirty.takeDue(10, T0.plusMillis(100), MIN_INTERVAL)).containsOnlyKeys("b");
        assertThat(dirty.takeDue(10, T0.plusMillis(100), MIN_INTERVAL)).isEmpty();
    }

    @Test
    void aBucketChangedAgainRightAfterItsPublicationWaitsForTheMinimumInterval() {
        dirty.mark(List.of("a"), T0);
        dirty.takeDue(10, T0, MIN_INTERVAL);
        dirty.published("a", T0.plusMillis(10));
        dirty.mark(List.of("a"), T0.plusMillis(20));

        assertThat(dirty.takeDue(10, T0.plusMillis(500), MIN_INTERVAL)).isEmpty();
        assertThat(dirty.pendingCount()).isEqualTo(1);
        assertThat(dirty.takeDue(10, T0.plusMillis(1010), MIN_INTERVAL)).containsOnlyKeys("a");
    }

    @Test
    void aBucketPutBackAfterAFailedSendIsHandedOutAgainWithItsOriginalWaitingTime() {
        dirty.mark(List.of("a"), T0);
        dirty.mark(List.of("b"), T0.plusMillis(10));
        var taken = dirty.takeDue(1, T0.plusMillis(20), MIN_INTERVAL);
        assertThat(taken).containsOnlyKeys("a");

        dirty.putBack("a", taken.get("a"));

        assertThat(dirty.takeDue(1, T0.plusMillis(30), MIN_INTERVAL)).containsEntry("a", T0);
    }
}
