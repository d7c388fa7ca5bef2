package io.servicequality.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class HandledMarkTest {

    @Test
    void recordsReplayedOneByOneAreHandledAndTheMarkMovesOverTheHandledPrefix() {
        HandledMark mark = HandledMark.NONE.with(List.of(2L, 3L));
        assertThat(mark.upTo()).isZero();
        assertThat(mark.isHandled(2)).isTrue();
        assertThat(mark.isHandled(1)).isFalse();
        assertThat(mark.pending(0, 5)).isEqualTo(3);

        HandledMark moved = mark.with(List.of(0L, 1L));
        assertThat(moved.upTo()).isEqualTo(4);
        assertThat(moved.above()).isEmpty();
        assertThat(moved.pending(0, 5)).isEqualTo(1);
    }

    @Test
    void survivesTheRoundTripThroughACommittedOffsetAndItsMetadata() {
        HandledMark mark = new HandledMark(10, new java.util.TreeSet<>(List.of(12L, 15L)));
        OffsetAndMetadata committed = mark.committed();
        assertThat(committed.offset()).isEqualTo(10);
        assertThat(HandledMark.of(committed)).isEqualTo(mark);
        assertThat(HandledMark.of(null)).isEqualTo(HandledMark.NONE);
        assertThat(HandledMark.of(new OffsetAndMetadata(7))).isEqualTo(new HandledMark(7, new java.util.TreeSet<>()));
    }

    @Test
    void aPurgeOrTheLogStartHandlesEverythingBelowIt() {
        HandledMark mark = HandledMark.NONE.with(List.of(3L, 9L)).atLeast(5);
        assertThat(mark.upTo()).isEqualTo(5);
        assertThat(mark.above()).containsExactly(9L);
        assertThat(mark.pending(0, 10)).isEqualTo(4);
        assertThat(HandledMark.NONE.pending(6, 10)).as("deleted by retention").isEqualTo(4);
        assertThat(HandledMark.NONE.pending(10, 10)).isZero();
    }

    @Test
    void tooManyOutOfOrderReplaysDoNotFitTheMetadata() {
        HandledMark few = HandledMark.NONE.with(List.of(1L, 3L, 5L));
        HandledMark many = HandledMark.NONE.with(
                LongStream.range(0, 2000).map(i -> 1_000_000 + 2 * i).boxed().toList());
        assertThat(few.fits()).isTrue();
        assertThat(many.fits()).isFalse();
    }
}
