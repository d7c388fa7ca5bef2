package io.servicequality.complaint.lifecycle;

import io.servicequality.complaint.calendar.BusinessCalendar;
import io.servicequality.contracts.ComplaintChanged.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One SLA target of one complaint: its allowance in business time, when the warning (80 %) and the breach (100 %)
 * fall on the complaint's clock, whether each was already announced (so each is announced exactly once), and when
 * the target was met ({@code null} while it still counts).
 */
record TargetClock(
        SlaTarget target,
        long allowedSeconds,
        Instant warningAt,
        Instant dueAt,
        boolean warned,
        boolean breached,
        Instant completedAt) {

    static final int WARNING_PERCENT = 80;

    static TargetClock of(SlaTarget target) {
        return new TargetClock(target, 0, null, null, false, false, null);
    }

    Duration allowed() {
        return Duration.ofSeconds(allowedSeconds);
    }

    boolean counting() {
        return completedAt == null;
    }

    TargetClock recomputed(Duration allowed, List<ClockRun> runs, BusinessCalendar calendar) {
        Duration warning = allowed.multipliedBy(WARNING_PERCENT).dividedBy(100);
        return new TargetClock(
                target,
                allowed.toSeconds(),
                ClockRun.reaching(runs, calendar, warning),
                ClockRun.reaching(runs, calendar, allowed),
                warned,
                breached,
                completedAt);
    }

    TargetClock warn() {
        return new TargetClock(target, allowedSeconds, warningAt, dueAt, true, breached, completedAt);
    }

    TargetClock breach() {
        return new TargetClock(target, allowedSeconds, warningAt, dueAt, warned, true, completedAt);
    }

    TargetClock completed(Instant at) {
        return new TargetClock(target, allowedSeconds, warningAt, dueAt, warned, breached, at);
    }

    /** The next instant this target needs a timer, {@code null} if none. */
    Instant nextTimer() {
        if (!counting()) {
            return null;
        }
        if (!warned && warningAt != null) {
            return warningAt;
        }
        return !breached ? dueAt : null;
    }
}
