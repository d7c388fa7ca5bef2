package io.servicequality.reporting.periodicreport;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A report's period: a week (Monday to Sunday, ISO), a calendar month or a calendar quarter, in local days of the
 * scope's time zone.
 *
 * @param start the first local day
 * @param end the local day after the last one (exclusive)
 */
public record ReportPeriod(Kind kind, LocalDate start, LocalDate end) {

    public enum Kind {
        WEEK,
        MONTH,
        QUARTER;

        public static Kind of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException unknown) {
                throw new IllegalArgumentException("period must be WEEK, MONTH or QUARTER, not " + name);
            }
        }
    }

    /** The period of this kind that contains {@code day}. */
    public static ReportPeriod containing(Kind kind, LocalDate day) {
        LocalDate start = switch (kind) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.withDayOfMonth(1).withMonth(3 * ((day.getMonthValue() - 1) / 3) + 1);
        };
        return new ReportPeriod(kind, start, endOf(kind, start));
    }

    /** The last period of this kind that ended before {@code today} began. */
    public static ReportPeriod lastCompleteBefore(Kind kind, LocalDate today) {
        return containing(kind, today).previous();
    }

    public ReportPeriod previous() {
        return containing(kind, start.minusDays(1));
    }

    /**
     * The same period a year before: the same calendar month or quarter; for a week the ISO week that contains the day
     * 52 weeks before its Monday (so it starts on a Monday too).
     */
    public ReportPeriod yearBefore() {
        return kind == Kind.WEEK ? containing(kind, start.minusWeeks(52)) : containing(kind, start.minusYears(1));
    }

    public Instant from(ZoneId zone) {
        return start.atStartOfDay(zone).toInstant();
    }

    public Instant to(ZoneId zone) {
        return end.atStartOfDay(zone).toInstant();
    }

    /** The last day of the period (inclusive), as reports show it. */
    public LocalDate lastDay() {
        return end.minusDays(1);
    }

    private static LocalDate endOf(Kind kind, LocalDate start) {
        return switch (kind) {
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
        };
    }
}
