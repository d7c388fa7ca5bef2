package io.servicequality.scoring.bucket;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The ids of the buckets with unpublished changes, in memory, so that {@link MetricPublisher} never searches the bucket
 * collection (the embedded store has no secondary indexes: a query on {@code dirty} reads and decodes every bucket).
 * The durable outbox flag stays on the bucket document; this set is its index: {@link Buckets} adds every bucket it
 * writes (also when a write fails half-way), and the publisher adds, once at start-up and then every {@code
 * recovery-interval}, the buckets a previous run (or another instance that died) left dirty.
 *
 * <p>The publisher takes ids out <em>before</em> it reads the buckets, and the writer adds them <em>after</em> each
 * write: a change that lands after the read is always announced again, so no change is left unpublished.
 */
@Component
class DirtyBuckets {

    /** Bucket id → since when it waits to be published. */
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    /** Bucket id → when it was last published, kept only for the minimum interval. */
    private final Map<String, Instant> published = new ConcurrentHashMap<>();

    void mark(Collection<String> ids, Instant at) {
        ids.forEach(id -> pending.putIfAbsent(id, at));
    }

    /**
     * Takes out the longest waiting ids that were not published within {@code minInterval}.
     *
     * @return id → since when it waited
     */
    Map<String, Instant> takeDue(int limit, Instant now, Duration minInterval) {
        Instant publishedBefore = now.minus(minInterval);
        published.values().removeIf(at -> !at.isAfter(publishedBefore));
        Map<String, Instant> due = new LinkedHashMap<>();
        pending.entrySet().stream()
                .filter(entry -> !published.containsKey(entry.getKey()))
                .sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(entry -> {
                    if (pending.remove(entry.getKey(), entry.getValue())) {
                        due.put(entry.getKey(), entry.getValue());
                    }
                });
        return due;
    }

    /** Puts an id back that could not be published now. */
    void putBack(String id, Instant since) {
        pending.merge(id, since, (current, given) -> current.isAfter(given) ? given : current);
    }

    void published(String id, Instant at) {
        published.put(id, at);
    }

    int pendingCount() {
        return pending.size();
    }
}
