package io.servicequality.scoring.punctuation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.junit.jupiter.api.Test;

class PunctuationWhileBusyTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final List<Long> ticksWithWork = new ArrayList<>();
    private int pending;
    private final PunctuationWhileBusy punctuation = new PunctuationWhileBusy(INTERVAL, () -> pending > 0, now -> {
        ticksWithWork.add(now);
        pending = 0;
    });

    @Test
    void aTaskWithoutWorkIsNotPunctuated() {
        punctuation.init(context);

        assertThat(context.scheduledPunctuators()).isEmpty();
    }

    @Test
    void markedWorkIsDoneAtTheNextTickAndTicksWithoutWorkForTheQuietSpellEndThePunctuation() {
        punctuation.init(context);
        pending = 1;
        punctuation.workMarked();
        punctuation.workMarked(); // more work before the tick: still one punctuation

        assertThat(context.scheduledPunctuators()).hasSize(1);
        CapturedPunctuator scheduled = context.scheduledPunctuators().get(0);
        assertThat(scheduled.getInterval()).isEqualTo(INTERVAL);
        assertThat(scheduled.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);

        scheduled.getPunctuator().punctuate(1_000L);
        assertThat(ticksWithWork).containsExactly(1_000L);

        long quietTicks = PunctuationWhileBusy.QUIET_BEFORE_STOPPING.toMillis() / INTERVAL.toMillis();
        long now = 1_000L;
        for (long tick = 1; tick < quietTicks; tick++) {
            now += INTERVAL.toMillis();
            scheduled.getPunctuator().punctuate(now); // nothing marked since
        }
        assertThat(scheduled.cancelled())
                .as("still running within the quiet spell")
                .isFalse();

        pending = 1; // sparse work within the quiet spell: handled at the next tick, and the spell starts again
        punctuation.workMarked();
        scheduled.getPunctuator().punctuate(now += INTERVAL.toMillis());
        assertThat(ticksWithWork).containsExactly(1_000L, now);
        for (long tick = 1; tick < quietTicks; tick++) {
            scheduled.getPunctuator().punctuate(now += INTERVAL.toMillis());
        }
        assertThat(scheduled.cancelled()).isFalse();

        scheduled.getPunctuator().punctuate(now + INTERVAL.toMillis());
        assertThat(scheduled.cancelled()).as("stopped after a quiet spell").isTrue();
        assertThat(ticksWithWork).hasSize(2);

        pending = 1;
        punctuation.workMarked();
        assertThat(context.scheduledPunctuators()).hasSize(2);
        assertThat(context.scheduledPunctuators().get(1).cancelled()).isFalse();
    }

    @Test
    void aTaskThatRestoresMarkedWorkResumesItsPunctuation() {
        pending = 3;

        punctuation.init(context);

        assertThat(context.scheduledPunctuators()).hasSize(1);
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(5_000L);
        assertThat(ticksWithWork).containsExactly(5_000L);
    }
}
