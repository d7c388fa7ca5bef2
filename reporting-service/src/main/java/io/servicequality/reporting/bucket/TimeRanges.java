package io.servicequality.reporting.bucket;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an hour-aligned range into the fewest stored pieces: hour buckets up to the first whole UTC day, UTC-day
 * roll-ups up to the first whole UTC month, month roll-ups, then days and hours again. The pieces cover the range
 * exactly, without overlap, so their sum is the sum of the range's hour buckets.
 */
final class TimeRanges {

    enum Level {
        HOUR,
        UTC_DAY,
        UTC_MONTH
    }

    record Piece(Level level, Instant from, Instant to) {}

    private TimeRanges() {}

    /** The hour buckets whose start lies in [from, to) are those starting in [ceilHour(from), ceilHour(to)). */
    static List<Piece> piecesOf(Instant from, Instant to) {
        Instant a = ceil(from, ChronoUnit.HOURS);
        Instant b = ceil(to, ChronoUnit.HOURS);
        List<Piece> pieces = new ArrayList<>();
        if (!a.isBefore(b)) {
            return pieces;
        }
        Instant firstDay = ceil(a, ChronoUnit.DAYS);
        Instant lastDay = b.truncatedTo(ChronoUnit.DAYS);
        if (!firstDay.isBefore(lastDay)) {
            pieces.add(new Piece(Level.HOUR, a, b));
            return pieces;
        }
        addIfNotEmpty(pieces, Level.HOUR, a, firstDay);
        Instant firstMonth = ceilMonth(firstDay);
        Instant lastMonth = floorMonth(lastDay);
        if (firstMonth.isBefore(lastMonth)) {
            addIfNotEmpty(pieces, Level.UTC_DAY, firstDay, firstMonth);
            pieces.add(new Piece(Level.UTC_MONTH, firstMonth, lastMonth));
            addIfNotEmpty(pieces, Level.UTC_DAY, lastMonth, lastDay);
        } else {
            pieces.add(new Piece(Level.UTC_DAY, firstDay, lastDay));
        }
        addIfNotEmpty(pieces, Level.HOUR, lastDay, b);
        return pieces;
    }

    static Instant dayOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.DAYS);
    }

    static Instant floorMonth(Instant instant) {
        return instant.atZone(ZoneOffset.UTC)
                .with(TemporalAdjusters.firstDayOfMonth())
                .truncatedTo(ChronoUnit.DAYS)
                .toInstant();
    }

    static Instant nextMonth(Instant monthStart) {
        return monthStart.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    static Instant ceil(Instant instant, ChronoUnit unit) {
        Instant floor = instant.truncatedTo(unit);
        return floor.equals(instant) ? floor : floor.plus(1, unit);
    }

    private static Instant ceilMonth(Instant instant) {
        Instant floor = floorMonth(instant);
        return floor.equals(instant) ? floor : nextMonth(floor);
    }

    private static void addIfNotEmpty(List<Piece> pieces, Level level, Instant from, Instant to) {
        if (from.isBefore(to)) {
            pieces.add(new Piece(level, from, to));
        }
    }
}
