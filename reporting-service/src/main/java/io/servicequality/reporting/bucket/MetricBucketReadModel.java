package io.servicequality.reporting.bucket;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.reporting.bucket.MetricRollup.Period;
import io.servicequality.reporting.bucket.StoredStatistics.Row;
import io.servicequality.reporting.bucket.TimeRanges.Piece;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Applies metric updates to the bucket read model and answers the views' questions about it. Every answer is a sum of
 * stored statistics (SPEC §4): hour buckets, and for whole UTC days and months their roll-ups, so a year of one branch
 * is about 30 documents, not 8,760.
 *
 * <p>Scopes: {@code branchIds == null} means every branch of the tenant; otherwise the listed branches (a region).
 */
@Service
public class MetricBucketReadModel {

    private final MetricBuckets buckets;
    private final MetricRollups rollups;
    private final WriteBehindBuckets unwritten;

    MetricBucketReadModel(MetricBuckets buckets, MetricRollups rollups, WriteBehindBuckets unwritten) {
        this.buckets = buckets;
        this.rollups = rollups;
        this.unwritten = unwritten;
    }

    /**
     * The sum of the scope's hour buckets whose start lies in [from, to); {@link BucketStatistics#EMPTY} when there are
     * none.
     */
    public BucketStatistics total(String tenantId, Collection<String> branchIds, Instant from, Instant to) {
        return sum(totalsByBranch(tenantId, branchIds, from, to).values());
    }

    /** {@link #total} per branch of the scope; branches without buckets are absent. */
    public SortedMap<String, BucketStatistics> totalsByBranch(
            String tenantId, Collection<String> branchIds, Instant from, Instant to) {
        SortedMap<String, BucketStatistics> totals = new TreeMap<>();
        if (branchIds != null && branchIds.isEmpty()) {
            return totals;
        }
        for (Piece piece : TimeRanges.piecesOf(from, to)) {
            switch (piece.level()) {
                case HOUR ->
                    hours(tenantId, branchIds, piece.from(), piece.to())
                            .forEach(row -> add(totals, row.branchId(), row.statistics()));
                case UTC_DAY ->
                    rollups(tenantId, branchIds, Period.UTC_DAY, piece.from(), piece.to())
                            .forEach(row -> add(totals, row.branchId(), row.statistics()));
                case UTC_MONTH ->
                    rollups(tenantId, branchIds, Period.UTC_MONTH, piece.from(), piece.to())
                            .forEach(row -> add(totals, row.branchId(), row.statistics()));
            }
        }
        return totals;
    }

    /** The scope's statistics per hour bucket start in [from, to), summed over its branches; hours without data absent. */
    public SortedMap<Instant, BucketStatistics> hourly(
            String tenantId, Collection<String> branchIds, Instant from, Instant to) {
        SortedMap<Instant, BucketStatistics> series = new TreeMap<>();
        if (branchIds != null && branchIds.isEmpty()) {
            return series;
        }
        hours(tenantId, branchIds, from, to).forEach(row -> add(series, row.start(), row.statistics()));
        return series;
    }

    /**
     * The scope's statistics per local day of {@code zone} (keyed by the day's start instant) for the hour buckets in
     * [from, to); days without data absent. In UTC whole days are read from the day roll-ups.
     */
    public SortedMap<Instant, BucketStatistics> daily(
            String tenantId, Collection<String> branchIds, Instant from, Instant to, ZoneId zone) {
        SortedMap<Instant, BucketStatistics> series = new TreeMap<>();
        if (branchIds != null && branchIds.isEmpty()) {
            return series;
        }
        if (!zone.normalized().equals(ZoneOffset.UTC)) {
            hourly(tenantId, branchIds, from, to)
                    .forEach((hour, statistics) -> add(
                            series,
                            hour.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant(),
                            statistics));
            return series;
        }
        Instant firstDay = TimeRanges.ceil(TimeRanges.ceil(from, ChronoUnit.HOURS), ChronoUnit.DAYS);
        Instant lastDay = TimeRanges.ceil(to, ChronoUnit.HOURS).truncatedTo(ChronoUnit.DAYS);
        if (!firstDay.isBefore(lastDay)) {
            hourly(tenantId, branchIds, from, to).forEach((hour, s) -> add(series, TimeRanges.dayOf(hour), s));
            return series;
        }
        hourly(tenantId, branchIds, from, firstDay).forEach((hour, s) -> add(series, TimeRanges.dayOf(hour), s));
        rollups(tenantId, branchIds, Period.UTC_DAY, firstDay, lastDay)
                .forEach(row -> add(series, row.start(), row.statistics()));
        hourly(tenantId, branchIds, lastDay, to).forEach((hour, s) -> add(series, TimeRanges.dayOf(hour), s));
        return series;
    }

    /** The stored hour buckets of the scope starting in [from, to), where applied ones not yet written replace them. */
    private Collection<Row> hours(String tenantId, Collection<String> branchIds, Instant from, Instant to) {
        return overlay(
                buckets.startingWithin(tenantId, branchIds, Granularity.HOUR, from, to),
                unwritten.unflushedHours(tenantId, branchIds, from, to));
    }

    /** The stored roll-ups of the scope starting in [from, to), where newer sums not yet written replace them. */
    private Collection<Row> rollups(
            String tenantId, Collection<String> branchIds, Period period, Instant from, Instant to) {
        return overlay(
                rollups.startingWithin(tenantId, branchIds, period, from, to),
                unwritten.unflushedRollups(tenantId, branchIds, period, from, to));
    }

    private static Collection<Row> overlay(List<Row> stored, List<Row> newer) {
        if (newer.isEmpty()) {
            return stored;
        }
        Map<List<Object>, Row> rows = new LinkedHashMap<>();
        stored.forEach(row -> rows.put(List.of(row.branchId(), row.start()), row));
        newer.forEach(row -> rows.merge(
                List.of(row.branchId(), row.start()),
                row,
                (old, candidate) -> candidate.revision() > old.revision() ? candidate : old));
        return rows.values();
    }

    private static <K> void add(Map<K, BucketStatistics> totals, K key, BucketStatistics statistics) {
        totals.merge(key, statistics, BucketStatistics::plus);
    }

    private static BucketStatistics sum(Collection<BucketStatistics> statistics) {
        BucketStatistics total = BucketStatistics.EMPTY;
        for (BucketStatistics each : statistics) {
            total = total.plus(each);
        }
        return total;
    }
}
