package io.servicequality.reporting.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.security.test.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MinuteRingTest {

    private static final Instant NOON = Instant.parse("2026-12-03T12:00:00Z");

    private final SettableClock clock = new SettableClock(NOON);
    private final MinuteRing ring = new MinuteRing(
            clock, new LiveProperties(Duration.ofSeconds(15), 1000, Duration.ofMinutes(30), Duration.ofMinutes(60)));

    @Test
    void keepsTheNewestRevisionOfEachMinuteAndSumsTheAskedBranches() {
        Instant minute = NOON.minus(Duration.ofMinutes(3));
        ring.record(update("A", Granularity.MINUTE, minute, 2, 20));
        ring.record(update("A", Granularity.MINUTE, minute, 1, 10)); // older revision, read later
        ring.record(update("B", Granularity.MINUTE, minute, 1, 5));
        ring.record(update("B", Granularity.MINUTE, minute.plusSeconds(60), 1, 7));
        ring.record(update("B", Granularity.HOUR, NOON, 1, 1000));

        assertThat(opened(null)).isEqualTo(Map.of(minute, 25L, minute.plusSeconds(60), 7L));
        assertThat(opened(List.of("A"))).isEqualTo(Map.of(minute, 20L));
        assertThat(opened(List.of("C"))).isEmpty();
        assertThat(ring.sum("other-tenant", null, NOON.minus(Duration.ofHours(1)), NOON))
                .isEmpty();
    }

    @Test
    void minutesOlderThanTheWindowAreNeitherTakenNorKept() {
        ring.record(update("A", Granularity.MINUTE, NOON.minus(Duration.ofMinutes(61)), 1, 1));
        ring.record(update("A", Granularity.MINUTE, NOON.minus(Duration.ofMinutes(10)), 1, 2));
        ring.record(update("A", Granularity.MINUTE, NOON.minus(Duration.ofMinutes(1)), 1, 3));
        assertThat(opened(null))
                .containsOnlyKeys(NOON.minus(Duration.ofMinutes(10)), NOON.minus(Duration.ofMinutes(1)));

        clock.set(NOON.plus(Duration.ofMinutes(55)));
        ring.evict();
        assertThat(opened(null)).containsOnlyKeys(NOON.minus(Duration.ofMinutes(1)));

        clock.set(NOON.plus(Duration.ofMinutes(70)));
        ring.evict();
        assertThat(opened(null)).isEmpty();
    }

    private Map<Instant, Long> opened(List<String> branches) {
        Map<Instant, Long> opened = new TreeMap<>();
        ring.sum("t1", branches, NOON.minus(Duration.ofHours(2)), NOON.plus(Duration.ofHours(2)))
                .forEach((start, statistics) ->
                        opened.put(start, statistics.complaints().opened()));
        return opened;
    }

    private static MetricUpdated update(
            String branch, Granularity granularity, Instant start, long revision, long opened) {
        return new MetricUpdated(
                MetricUpdated.eventIdOf("t1", branch, granularity, start, revision),
                "t1",
                branch,
                start,
                MetricUpdated.SCHEMA_VERSION,
                granularity,
                start,
                revision,
                new BucketStatistics(0, null, null, null, null, new ComplaintStatistics(opened), null, null));
    }
}
