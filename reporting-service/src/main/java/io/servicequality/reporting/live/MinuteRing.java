package io.servicequality.reporting.live;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The minute buckets of the last {@code sqp.live.minute-window} (60 minutes) of every branch, in memory only: the newest
 * revision of each, as scoring published it. They are never stored (a minute is only of interest while it is recent);
 * each instance fills its ring from every partition of the metric topic ({@link LiveFeed}) and, after a start, from the
 * topic's records of the window ({@link MinuteRingRebuild}) — until that has caught up the ring {@linkplain
 * #complete() is not complete}. Memory is bounded by branches × minutes of the window: older minutes are dropped as the
 * clock moves on, and a minute bucket older than the window is not taken; each minute keeps only the {@link LiveView}
 * of its statistics.
 */
@Component
public class MinuteRing {

    private record Minute(long revision, BucketStatistics statistics) {}

    private final Map<String, Map<String, NavigableMap<Instant, Minute>>> byTenant = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration window;
    private volatile boolean complete;

    MinuteRing(Clock clock, LiveProperties properties) {
        this.clock = clock;
        this.window = properties.minuteWindow();
    }

    /** How far back the ring reaches. */
    public Duration window() {
        return window;
    }

    /** The first minute the ring holds now. */
    public Instant oldestMinute() {
        return clock.instant().minus(window).truncatedTo(ChronoUnit.MINUTES);
    }

    /**
     * Whether the ring holds every minute bucket of its window published so far; {@code false} while it is being
     * rebuilt from the topic after a start.
     */
    public boolean complete() {
        return complete;
    }

    void markComplete() {
        complete = true;
    }

    /** Takes a minute bucket unless a newer revision of it is held or it is older than the window; others are ignored. */
    void record(MetricUpdated update) {
        if (update.granularity() != Granularity.MINUTE || update.bucketStart().isBefore(oldestMinute())) {
            return;
        }
        Instant oldest = oldestMinute();
        // compute, not computeIfAbsent: atomic with the eviction's computeIfPresent, which drops an empty branch
        byTenant.computeIfAbsent(update.tenantId(), tenant -> new ConcurrentHashMap<>())
                .compute(update.branchId(), (branch, held) -> {
                    NavigableMap<Instant, Minute> minutes = held == null ? new TreeMap<>() : held;
                    synchronized (minutes) {
                        Minute minute = minutes.get(update.bucketStart());
                        if (minute == null || minute.revision() < update.revision()) {
                            minutes.put(
                                    update.bucketStart(),
                                    new Minute(
                                            update.revision(),
                                            update.statistics().withoutBreakdowns()));
                        }
                        minutes.headMap(oldest).clear();
                    }
                    return minutes;
                });
    }

    /**
     * The statistics of the given branches ({@code null}: every branch of the tenant) summed per minute, for the minutes
     * starting in {@code [from, to)} that have data, oldest first.
     */
    public SortedMap<Instant, BucketStatistics> sum(
            String tenantId, Collection<String> branchIds, Instant from, Instant to) {
        SortedMap<Instant, BucketStatistics> sums = new TreeMap<>();
        Map<String, NavigableMap<Instant, Minute>> branches = byTenant.getOrDefault(tenantId, Map.of());
        Collection<String> summed = branchIds == null ? branches.keySet() : branchIds;
        for (String branchId : summed) {
            NavigableMap<Instant, Minute> minutes = branches.get(branchId);
            if (minutes == null) {
                continue;
            }
            synchronized (minutes) {
                minutes.subMap(from, true, to, false)
                        .forEach((start, minute) -> sums.merge(start, minute.statistics(), BucketStatistics::plus));
            }
        }
        return sums;
    }

    /** Drops the minutes that left the window, and branches left without any. */
    @Scheduled(fixedDelayString = "${sqp.live.minute-eviction-interval:60s}")
    void evict() {
        Instant oldest = oldestMinute();
        byTenant.values()
                .forEach(branches -> branches.keySet()
                        .forEach(branchId -> branches.computeIfPresent(branchId, (branch, minutes) -> {
                            synchronized (minutes) {
                                minutes.headMap(oldest).clear();
                                return minutes.isEmpty() ? null : minutes;
                            }
                        })));
    }
}
