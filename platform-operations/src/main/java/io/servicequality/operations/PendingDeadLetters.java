package io.servicequality.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.servicequality.operations.DeadLetterLog.PartitionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sqp.dead-letters.pending} gauge, one per original topic ({@code topic} tag, as on the
 * {@code sqp.dead-letters} counter): end offsets minus what is handled ({@link HandledMark}). A scrape reads the last
 * counts; when they are older than the refresh interval it asks for new ones in the background, so a scrape never waits
 * for the broker and the broker is asked at most once per interval. Until the first answer the gauge is NaN.
 */
class PendingDeadLetters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PendingDeadLetters.class);

    private final DeadLetterTopics topics;
    private final DeadLetterLog deadLetters;
    private final Duration refreshInterval;
    private final Clock clock;
    private final Map<String, Double> pendingByOriginal = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dead-letters-pending");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Instant refreshedAt = Instant.MIN;

    PendingDeadLetters(DeadLetterTopics topics, DeadLetterLog deadLetters, Duration refreshInterval, Clock clock) {
        this.topics = topics;
        this.deadLetters = deadLetters;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
    }

    void bindTo(MeterRegistry registry) {
        for (String topic : topics.deadLetterTopics()) {
            String original = topics.originalOf(topic);
            Gauge.builder("sqp.dead-letters.pending", () -> pending(original))
                    .description("dead letters of the topic neither replayed nor purged")
                    .tag("topic", original)
                    .register(registry);
        }
    }

    /** The last count of {@code originalTopic}'s pending dead letters, refreshed in the background when stale. */
    double pending(String originalTopic) {
        if (refreshedAt.plus(refreshInterval).isBefore(clock.instant())) {
            refreshSoon();
        }
        return pendingByOriginal.getOrDefault(originalTopic, Double.NaN);
    }

    /** Counts again in the background (unless a count is under way): after a replay or purge, and when stale. */
    void refreshSoon() {
        if (refreshing.compareAndSet(false, true)) {
            try {
                refresher.execute(this::refresh);
            } catch (RuntimeException rejected) {
                refreshing.set(false);
            }
        }
    }

    void refresh() {
        try {
            Map<String, List<PartitionState>> states = deadLetters.states(topics.deadLetterTopics());
            states.forEach((topic, partitions) -> pendingByOriginal.put(topics.originalOf(topic), (double)
                    partitions.stream().mapToLong(PartitionState::pending).sum()));
            refreshedAt = clock.instant();
        } catch (RuntimeException e) {
            log.debug("dead-letter counts not refreshed: {}", e.toString());
        } finally {
            refreshing.set(false);
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
