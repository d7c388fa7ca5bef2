package io.servicequality.complaint.lifecycle;

import io.servicequality.complaint.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A stretch of time during which a complaint's SLA clock ran; {@code end} is {@code null} while it still runs. */
record ClockRun(Instant start, Instant end) {

    boolean running() {
        return end == null;
    }

    /** Business time the clock ran up to {@code now}. */
    static Duration elapsed(List<ClockRun> runs, BusinessCalendar calendar, Instant now) {
        Duration total = Duration.ZERO;
        for (ClockRun run : runs) {
            Instant end = run.running() || run.end().isAfter(now) ? now : run.end();
            total = total.plus(calendar.between(run.start(), end));
        }
        return total;
    }

    /**
     * The instant at which the clock reaches {@code allowed} business time: within a past run if it got there
     * already, projected along the running run otherwise; {@code null} while the clock stands still short of it.
     */
    static Instant reaching(List<ClockRun> runs, BusinessCalendar calendar, Duration allowed) {
        Duration counted = Duration.ZERO;
        for (ClockRun run : runs) {
            Duration remaining = allowed.minus(counted);
            if (run.running()) {
                return calendar.plus(run.start(), remaining);
            }
            Duration inRun = calendar.between(run.start(), run.end());
            if (inRun.compareTo(remaining) >= 0) {
                return calendar.plus(run.start(), remaining);
            }
            counted = counted.plus(inRun);
        }
        return null;
    }
}
