package io.servicequality.scoring.bucket;

import io.servicequality.contracts.Granularity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded states of the buckets one task counted into lately, so that counting into a bucket again and publishing
 * it do not fetch and decode it from its store again (decoding was about a fifth of the stream thread's time at 200
 * events/s, half of it in the publication; docs/benchmarks.md). Each state is the one last written to the store or read
 * from it, so a lookup answers what a fetch would. A store answers otherwise only for a bucket past its retention (it
 * drops such writes and hides such buckets from fetches), measured from the newest bucket start it holds: the ingest
 * APIs refuse event times more than five minutes ahead and minute buckets take events up to 48 hours late against 72
 * hours kept (hour and day buckets: 3,660 days), so the platform's own events never reach one. For events written to
 * the topics by other means, two guards keep the answers the store's:
 *
 * <ul>
 *   <li>a write on top of nothing (the fetch found no bucket) is not kept: it may be a write the store drops;
 *   <li>a state is not answered once its bucket's start is past the retention behind the newest start written here
 *       since {@link #clear()}.
 * </ul>
 *
 * <p>At most {@link #CAPACITY} states, the least recently used leave first (a hot bucket is a branch's current minute,
 * hour and day). Not thread-safe: one per task, used by its stream thread. {@link #clear()} whenever the task's state is
 * (re)initialised, so nothing outlives a restore or an aborted transaction.
 */
final class RecentBucketStates {

    /**
     * How many states are kept per task: the current minute, hour and day of ~170 branches. An hour or day state with its
     * channel breakdown takes a few tens of KB on the heap.
     */
    static final int CAPACITY = 512;

    private final Map<Granularity, Duration> retention;
    private final Map<Granularity, Long> newestStartWritten = new EnumMap<>(Granularity.class);
    private final Map<String, BucketState> states = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BucketState> eldest) {
            return size() > CAPACITY;
        }
    };

    RecentBucketStates(Duration minuteRetention, Duration bucketRetention) {
        this.retention = new EnumMap<>(Granularity.class);
        retention.put(Granularity.MINUTE, minuteRetention);
        retention.put(Granularity.HOUR, bucketRetention);
        retention.put(Granularity.DAY, bucketRetention);
    }

    /**
     * @param key the bucket's key ({@code CountingProcessor.ChangedBucket#keyOf})
     * @return the state last written, or {@code null} when it is not kept (then fetch it from the store)
     */
    BucketState get(String key, Granularity granularity, long startMillis) {
        BucketState state = states.get(key);
        if (state != null && pastRetention(granularity, startMillis)) {
            states.remove(key);
            return null;
        }
        return state;
    }

    /**
     * Records a write to the bucket's store.
     *
     * @param onStoredState whether the state was computed from one the store returned (else from nothing)
     */
    void written(String key, Granularity granularity, long startMillis, BucketState state, boolean onStoredState) {
        newestStartWritten.merge(granularity, startMillis, Math::max);
        if (onStoredState) {
            states.put(key, state);
        } else {
            states.remove(key);
        }
    }

    /** Keeps a state just fetched from the bucket's store. */
    void fetched(String key, BucketState state) {
        states.put(key, state);
    }

    void clear() {
        states.clear();
        newestStartWritten.clear();
    }

    int size() {
        return states.size();
    }

    private boolean pastRetention(Granularity granularity, long startMillis) {
        Long newest = newestStartWritten.get(granularity);
        return newest != null
                && startMillis < newest - retention.get(granularity).toMillis() + 1;
    }
}
