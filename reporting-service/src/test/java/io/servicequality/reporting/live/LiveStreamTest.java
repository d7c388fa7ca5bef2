package io.servicequality.reporting.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.reporting.alert.AlertFilter;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import io.servicequality.reporting.scorecard.ScorecardProperties;
import io.servicequality.reporting.scorecard.ScorecardProperties.DimensionWeights;
import io.servicequality.reporting.scorecard.ScorecardProperties.SqiWeights;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/** An hour or day update reaches the stream unread, and is read only for a client whose scope wants it, once. */
class LiveStreamTest {

    private final LiveStream stream = new LiveStream(
            new ScorecardCalculator(new ScorecardProperties(
                    new SqiWeights(0.3, 0.2, 0.2, 0.15, 0.15), new DimensionWeights(0.3, 0.25, 0.2, 0.15, 0.1))),
            new LiveProperties(Duration.ofSeconds(15), 1000, Duration.ofMinutes(30), Duration.ofMinutes(60)));

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void anUpdateIsReadOnlyWhenAClientsScopeWantsItAndThenOnce() {
        stream.subscribe("demo", AlertFilter.of(List.of("b-1"), null), null);
        stream.subscribe("demo", AlertFilter.of(List.of("b-1", "b-3"), null), null);
        stream.subscribe("other-tenant", AlertFilter.ALL, null);
        AtomicInteger readsOfB1 = new AtomicInteger();
        AtomicInteger readsOfB2 = new AtomicInteger();
        AtomicInteger readsOfB3 = new AtomicInteger();

        stream.publishMetric("demo", "b-2", counted(readsOfB2, "b-2"));
        stream.publishMetric("demo", "b-3", () -> {
            readsOfB3.incrementAndGet();
            return null; // malformed: not sent, and nothing else breaks
        });
        stream.publishMetric("demo", "b-1", counted(readsOfB1, "b-1"));

        // the dispatcher relays in order: once b-1's update is read, the two before it were handled
        await().atMost(Duration.ofSeconds(10)).until(() -> readsOfB1.get() == 1);
        assertThat(readsOfB2).as("no client watches b-2").hasValue(0);
        assertThat(readsOfB3).hasValue(1);
        stream.publishMetric("demo", "b-1", counted(readsOfB1, "b-1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> readsOfB1.get() == 2);
        assertThat(readsOfB1).as("two clients, one read per update").hasValue(2);
        assertThat(readsOfB2).hasValue(0);
    }

    private static java.util.function.Supplier<MetricUpdated> counted(AtomicInteger reads, String branchId) {
        return () -> {
            reads.incrementAndGet();
            MetricUpdated sample = sample();
            return new MetricUpdated(
                    sample.eventId(),
                    "demo",
                    branchId,
                    sample.occurredAt(),
                    sample.schemaVersion(),
                    sample.granularity(),
                    sample.bucketStart(),
                    sample.revision(),
                    sample.statistics());
        };
    }

    private static MetricUpdated sample() {
        try (var reference = new JacksonJsonDeserializer<>(MetricUpdated.class)) {
            return reference.deserialize("t", EventSample.METRIC_UPDATED.json().getBytes(StandardCharsets.UTF_8));
        }
    }
}
