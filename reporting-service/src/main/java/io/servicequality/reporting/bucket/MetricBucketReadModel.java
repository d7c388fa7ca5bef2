package io.servicequality.reporting.bucket;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.reporting.bucket.MetricRollup.Period;
import io.servicequality.reporting.bucket.StoredStatistics.Row;
import io.servicequality.reporting.bucket.TimeRanges.Piece;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
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

    private static final Logger log = LoggerFactory.getLogger(MetricBucketReadModel.class);

    private final MetricBuckets buckets;
    private final MetricRollups rollups;
    private final ApplicationEventPublisher events;

    MetricBucketReadModel(MetricBuckets buckets, MetricRollups rollups, ApplicationEventPublisher events) {
        this.buckets = buckets;
        this.rollups = rollups;
        this.events = events;
    }

    /**
     * Keeps the update if it is the newest revision of its bucket, then brings the bucket's day and month roll-ups up
     * to date. Idempotent: a repeated or older revision changes nothing, and the roll-ups are recomputed from what is
     * stored (which also repairs them after a crash between the two writes).
     *
     * @throws InvalidMetricUpdateException when the update does not name its bucket
     */
    void apply(MetricUpdated update) {
        MetricBucket bucket = MetricBucket.of(update);
        boolean stored = buckets.storeIfNewer(bucket);
        if (!stored) {
            log.debug("ignored revision {} of {}: not newer than the stored one", bucket.revision(), bucket.id());
        }
        if (bucket.granularity() == Granularity.HOUR) {
            rollUp(bucket.tenantId(), bucket.branchId(), bucket.bucketStart());
        }
        if (stored) {
            events.publishEvent(new BucketStored(
                    bucket.tenantId(),
                    bucket.branchId(),
                    bucket.granularity(),
                    bucket.bucketStart(),
                    bucket.revision(),
                    bucket.statistics()));
        }
    }

    /** Recomputes the UTC day of {@code hour} from its hour buckets, then its month from its days. */
    void rollUp(String tenantId, String branchId, Instant hour) {
        Instant day = TimeRanges.dayOf(hour);
        List<String> hourIds = new ArrayList<>();
        for (Instant h = day; h.isBefore(day.plus(1, ChronoUnit.DAYS)); h = h.plus(1, ChronoUnit.HOURS)) {
            hourIds.add(MetricBucket.idOf(tenantId, branchId, Granularity.HOUR, h));
        }
        List<Row> hours = buckets.byIds(hourIds);
        rollups.storeIfNewer(MetricRollup.of(
                tenantId,
                branchId,
                Period.UTC_DAY,
                day,
                hours.stream().mapToLong(Row::revision).sum(),
                sum(hours.stream().map(Row::statistics).toList())));
        Instant month = TimeRanges.floorMonth(day);
        List<String> dayIds = new ArrayList<>();
        for (Instant d = month; d.isBefore(TimeRanges.nextMonth(month)); d = d.plus(1, ChronoUnit.DAYS)) {
            dayIds.add(MetricRollup.idOf(tenantId, branchId, Period.UTC_DAY, d));
        }
        List<Row> days = rollups.byIds(dayIds);
        rollups.storeIfNewer(MetricRollup.of(
                tenantId,
                branchId,
                Period.UTC_MONTH,
                month,
                days.stream().mapToLong(Row::revision).sum(),
                sum(days.stream().map(Row::statistics).toList())));
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
                    buckets.startingWithin(tenantId, branchIds, Granularity.HOUR, piece.from(), piece.to())
                            .forEach(row -> add(totals, row.branchId(), row.statistics()));
                case UTC_DAY ->
                    rollups.startingWithin(tenantId, branchIds, Period.UTC_DAY, piece.from(), piece.to())
                            .forEach(row -> add(totals, row.branchId(), row.statistics()));
                case UTC_MONTH ->
                    rollups.startingWithin(tenantId, branchIds, Period.UTC_MONTH, piece.from(), piece.to())
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
        buckets.startingWithin(tenantId, branchIds, Granularity.HOUR, from, to)
                .forEach(row -> add(series, row.start(), row.statistics()));
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
        rollups.startingWithin(tenantId, branchIds, Period.UTC_DAY, firstDay, lastDay)
                .forEach(row -> add(series, row.start(), row.statistics()));
        hourly(tenantId, branchIds, lastDay, to).forEach((hour, s) -> add(series, TimeRanges.dayOf(hour), s));
        return series;
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
