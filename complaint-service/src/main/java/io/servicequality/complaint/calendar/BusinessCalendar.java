package io.servicequality.complaint.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Business time of one branch: its time zone, weekly opening hours (several shifts a day, e.g. 09:00–12:00 and
 * 13:00–17:00) and holidays. Counts business time between instants and adds business time to an instant, to the
 * second.
 *
 * <p>Shifts are local wall-clock times converted to instants day by day in the branch's zone, so a shift on the day
 * clocks go forward is an hour shorter and on the day they go back an hour longer, as the staff actually work it. A
 * local time skipped by the spring-forward gap moves to the first instant after the gap.
 */
public final class BusinessCalendar {

    /** A branch nobody configured: open around the clock, in UTC. */
    public static final BusinessCalendar ALWAYS_OPEN_UTC = alwaysOpen(ZoneOffset.UTC);

    /** How far ahead the arithmetic looks for open hours before declaring a calendar to have none. */
    private static final int MAX_DAYS_SCANNED = 3 * 366;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Shift>> weeklyHours;
    private final Set<LocalDate> holidays;
    private final boolean alwaysOpen;

    public BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<Shift>> weeklyHours, Set<LocalDate> holidays) {
        this.zone = zone;
        EnumMap<DayOfWeek, List<Shift>> hours = new EnumMap<>(DayOfWeek.class);
        weeklyHours.forEach((day, shifts) -> hours.put(day, Shift.sortedChecked(shifts)));
        this.weeklyHours = hours;
        this.holidays = Set.copyOf(holidays);
        this.alwaysOpen = this.holidays.isEmpty()
                && hours.size() == 7
                && hours.values().stream().allMatch(shifts -> shifts.equals(List.of(Shift.WHOLE_DAY)));
        if (hours.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a business calendar needs at least one shift in the week");
        }
    }

    /** Open around the clock every day, no holidays. */
    public static BusinessCalendar alwaysOpen(ZoneId zone) {
        EnumMap<DayOfWeek, List<Shift>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, List.of(Shift.WHOLE_DAY));
        }
        return new BusinessCalendar(zone, hours, Set.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public Map<DayOfWeek, List<Shift>> weeklyHours() {
        return Map.copyOf(weeklyHours);
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    /** Business time within {@code [from, to)}; zero if {@code to} is not after {@code from}. */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (alwaysOpen) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (Interval open : openIntervals(day)) {
                Instant start = max(open.start(), from);
                Instant end = min(open.end(), to);
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /**
     * The earliest instant at which {@code businessTime} of business time has passed since {@code from}. Zero
     * business time is {@code from} itself.
     */
    public Instant plus(Instant from, Duration businessTime) {
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException("business time must not be negative: " + businessTime);
        }
        if (businessTime.isZero()) {
            return from;
        }
        if (alwaysOpen) {
            return from.plus(businessTime);
        }
        Duration remaining = businessTime;
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i <= MAX_DAYS_SCANNED; i++) {
            for (Interval open : openIntervals(first.plusDays(i))) {
                Instant start = max(open.start(), from);
                if (!open.end().isAfter(start)) {
                    continue;
                }
                Duration available = Duration.between(start, open.end());
                if (available.compareTo(remaining) >= 0) {
                    return start.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw new IllegalStateException("no business hours within " + MAX_DAYS_SCANNED + " days after " + from);
    }

    /** The open intervals of one local day, as instants, in order. */
    private List<Interval> openIntervals(LocalDate day) {
        if (holidays.contains(day)) {
            return List.of();
        }
        return weeklyHours.getOrDefault(day.getDayOfWeek(), List.of()).stream()
                .map(shift -> new Interval(
                        day.atTime(shift.from()).atZone(zone).toInstant(),
                        shift.endsAtMidnight()
                                ? day.plusDays(1).atStartOfDay(zone).toInstant()
                                : day.atTime(shift.to()).atZone(zone).toInstant()))
                .filter(interval -> interval.end().isAfter(interval.start()))
                .toList();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private record Interval(Instant start, Instant end) {}

    /**
     * One stretch of opening hours within a day, {@code [from, to)} in local time; {@code to} = 00:00 means until
     * midnight.
     */
    public record Shift(LocalTime from, LocalTime to) {

        public static final Shift WHOLE_DAY = new Shift(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

        public Shift {
            if (from == null || to == null) {
                throw new IllegalArgumentException("a shift needs a start and an end");
            }
            if (!to.equals(LocalTime.MIDNIGHT) && !to.isAfter(from)) {
                throw new IllegalArgumentException("shift " + from + "–" + to + " must end after it starts");
            }
        }

        boolean endsAtMidnight() {
            return to.equals(LocalTime.MIDNIGHT);
        }

        private LocalTime end() {
            return endsAtMidnight() ? LocalTime.MAX : to;
        }

        static List<Shift> sortedChecked(List<Shift> shifts) {
            List<Shift> sorted = shifts.stream()
                    .sorted((a, b) -> a.from().compareTo(b.from()))
                    .toList();
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).from().isBefore(sorted.get(i - 1).end())) {
                    throw new IllegalArgumentException(
                            "shifts " + sorted.get(i - 1) + " and " + sorted.get(i) + " overlap");
                }
            }
            return sorted;
        }

        @Override
        public String toString() {
            return from + "–" + (endsAtMidnight() ? "24:00" : to);
        }
    }
}
