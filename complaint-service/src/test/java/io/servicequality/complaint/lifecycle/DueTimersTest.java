package io.servicequality.complaint.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DueTimersTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final DueTimers timers = new DueTimers();

    @Test
    void handsOutWhatFellDueEarliestFirstAndEachOnlyOnce() {
        timers.schedule("late", T0.plusSeconds(30));
        timers.schedule("first", T0.minusSeconds(20));
        timers.schedule("second", T0.minusSeconds(10));
        timers.schedule("no-timer", null);

        assertThat(timers.takeDue(T0, 10)).containsExactly("first", "second");
        assertThat(timers.takeDue(T0, 10)).as("taken out").isEmpty();
        assertThat(timers.takeDue(T0.plusSeconds(30), 10)).containsExactly("late");
        assertThat(timers.size()).isZero();
    }

    @Test
    void handsOutAtMostTheLimitAndKeepsTheRestForTheNextRound() {
        timers.scheduleAll(List.of("a", "b", "c"), T0);

        assertThat(timers.takeDue(T0, 2)).containsExactly("a", "b");
        assertThat(timers.takeDue(T0, 2)).containsExactly("c");
    }

    @Test
    void keepsTheEarlierOfTwoInstantsSoATimerIsNeverKnownTooLate() {
        timers.schedule("moved", T0.plusSeconds(60));
        timers.schedule("moved", T0.minusSeconds(1));
        timers.schedule("moved", T0.plusSeconds(120));

        assertThat(timers.takeDue(T0, 10)).as("the earliest instant wins").containsExactly("moved");
        assertThat(timers.size()).as("one entry per complaint").isZero();
    }
}
