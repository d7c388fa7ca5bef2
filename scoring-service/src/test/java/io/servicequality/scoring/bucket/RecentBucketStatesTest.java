package io.servicequality.scoring.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentBucketStatesTest {

    private static final Duration MINUTE_RETENTION = Duration.ofHours(72);
    private static final Duration BUCKET_RETENTION = Duration.ofDays(3660);
    private static final long START = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

    private final RecentBucketStates states = new RecentBucketStates(MINUTE_RETENTION, BUCKET_RETENTION);

    @Test
    void answersTheStateLastWrittenOnTopOfAStoredOne() {
        BucketState first = state(1);
        BucketState second = state(2);
        states.written("hour", Granularity.HOUR, START, first, true);
        states.written("hour", Granularity.HOUR, START, second, true);

        assertThat(states.get("hour", Granularity.HOUR, START)).isSameAs(second);
    }

    @Test
    void doesNotAnswerAWriteOnTopOfNothingWhichTheStoreMayHaveDropped() {
        states.written("hour", Granularity.HOUR, START, state(1), true);
        states.written("hour", Granularity.HOUR, START, state(1), false);

        assertThat(states.get("hour", Granularity.HOUR, START)).isNull();
    }

    @Test
    void doesNotAnswerABucketPastItsRetentionBehindTheNewestStartWritten() {
        long newest = START + MINUTE_RETENTION.toMillis();
        states.written("old minute", Granularity.MINUTE, START, state(1), true);
        states.written("kept minute", Granularity.MINUTE, START + 60_000, state(1), true);
        states.written("hour", Granularity.HOUR, START, state(1), true);

        states.written("newest minute", Granularity.MINUTE, newest, state(1), true);

        assertThat(states.get("old minute", Granularity.MINUTE, START))
                .as("the store keeps a window while its start is within the retention of the newest start it holds")
                .isNull();
        assertThat(states.get("kept minute", Granularity.MINUTE, START + 60_000))
                .isNotNull();
        assertThat(states.get("hour", Granularity.HOUR, START))
                .as("hour buckets are kept for their own, longer retention")
                .isNotNull();
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        for (int bucket = 0; bucket < RecentBucketStates.CAPACITY; bucket++) {
            states.written("minute " + bucket, Granularity.MINUTE, START + bucket * 60_000L, state(1), true);
        }
        states.get("minute 0", Granularity.MINUTE, START);

        states.fetched("one more", state(1));

        assertThat(states.size()).isEqualTo(RecentBucketStates.CAPACITY);
        assertThat(states.get("minute 0", Granularity.MINUTE, START))
                .as("used lately")
                .isNotNull();
        assertThat(states.get("minute 1", Granularity.MINUTE, START + 60_000))
                .as("least recently used")
                .isNull();
    }

    @Test
    void forgetsEverythingWhenTheTaskIsInitialisedAgain() {
        states.fetched("hour", state(1));
        states.written("newest minute", Granularity.MINUTE, START + MINUTE_RETENTION.toMillis(), state(1), true);

        states.clear();
        states.written("old minute", Granularity.MINUTE, START, state(1), true);

        assertThat(states.get("hour", Granularity.HOUR, START)).isNull();
        assertThat(states.get("old minute", Granularity.MINUTE, START))
                .as("the newest start is measured again from the restored store's writes")
                .isNotNull();
    }

    private static BucketState state(long applied) {
        return new BucketState(BucketStatistics.EMPTY, applied, 0, Instant.ofEpochMilli(START));
    }
}
