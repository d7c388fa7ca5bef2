package io.servicequality.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Freshness: the time from a probe's {@code 202} to the moment the scorecard reflects it, observed the way an
 * operations team sees it: through reporting-service's live stream ({@code GET /api/v1/live?branchId=…}, server-sent
 * events). Probes are feedback events for a branch of their own, posted one at a time a few times a second during the
 * load; they share one hour bucket, so the {@code n} of that bucket's {@code metric} event says how many of them the
 * platform has counted and stored for the scorecard (scoring counts a branch's events in order).
 */
final class FreshnessProbe implements AutoCloseable {

    private final HttpClient http;
    private final String feedbackUrl;
    private final EventMix mix;
    private final String branch = "PROBE-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private final Map<Long, Long> acceptedAtNanos = new ConcurrentHashMap<>();
    private final Map<Long, Long> reflectedAtNanos = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private final CompletableFuture<HttpResponse<Stream<String>>> stream;
    private final Thread watcher;
    private volatile boolean running = true;
    private volatile long sent;

    FreshnessProbe(HttpClient http, String feedbackUrl, String reportingUrl, EventMix mix) throws Exception {
        this.http = http;
        this.feedbackUrl = feedbackUrl;
        this.mix = mix;
        this.stream = http.sendAsync(
                Credentials.authorise(
                                HttpRequest.newBuilder(URI.create(reportingUrl + "/api/v1/live?branchId=" + branch))
                                        .header("Accept", "text/event-stream"))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(30, TimeUnit.SECONDS);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("live stream answered HTTP " + response.statusCode());
        }
        this.watcher = new Thread(() -> watch(response.body()), "freshness-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Posts the next probe and waits for its answer; called a few times a second by the benchmark. */
    void probe() throws Exception {
        long sequence = sent + 1;
        HttpResponse<String> response = http.send(
                Credentials.authorise(HttpRequest.newBuilder(URI.create(feedbackUrl)))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(mix.feedback(branch, occurredAt)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
            acceptedAtNanos.put(sequence, System.nanoTime());
            sent = sequence;
        }
    }

    /**
     * Freshness of the probes after {@code afterSequence} up to {@code lastSequence}, in milliseconds: for a probe seen reflected, the time from
     * its {@code 202} to that moment; for one not seen yet, the time it has waited so far, a lower bound (counted in
     * {@link Freshness#unseen}), so that a probe that never shows up raises the percentiles instead of leaving them.
     */
    Freshness freshness(long afterSequence, long lastSequence) {
        long now = System.nanoTime();
        List<Double> values = new ArrayList<>();
        int[] unseen = {0};
        acceptedAtNanos.forEach((sequence, accepted) -> {
            if (sequence > afterSequence && sequence <= lastSequence) {
                Long reflected = reflectedAtNanos.get(sequence);
                if (reflected == null) {
                    unseen[0]++;
                }
                values.add(Math.max(0, (reflected == null ? now : reflected) - accepted) / 1_000_000.0);
            }
        });
        return new Freshness(
                Percentiles.of(values.stream().mapToDouble(Double::doubleValue).toArray()), unseen[0]);
    }

    /**
     * @param millis percentiles over every probe of the step (lower bounds for the unseen ones)
     * @param unseen probes accepted but not seen reflected when the step was measured
     */
    record Freshness(Percentiles millis, int unseen) {

        /** "≥ " when a percentile may be a lower bound (some probes were never seen), else "". */
        String bound() {
            return unseen > 0 ? "≥ " : "";
        }
    }

    long probesSent() {
        return sent;
    }

    /** Reads {@code event: metric} / {@code data: {...}} pairs of the probe branch's hour bucket. */
    private void watch(Stream<String> lines) {
        long counted = 0;
        String event = null;
        Iterator<String> iterator = lines.iterator();
        while (running && iterator.hasNext()) {
            String line = iterator.next();
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:") && "metric".equals(event)) {
                long now = System.nanoTime();
                JsonNode data = json.readTree(line.substring("data:".length()).strip());
                if (branch.equals(data.path("branchId").asString())
                        && "HOUR".equals(data.path("granularity").asString())) {
                    long count = data.path("n").asLong();
                    for (long sequence = counted + 1; sequence <= count; sequence++) {
                        reflectedAtNanos.putIfAbsent(sequence, now);
                    }
                    counted = Math.max(counted, count);
                }
            } else if (line.isEmpty()) {
                event = null;
            }
        }
        lines.close();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        stream.cancel(true);
        watcher.join(5_000);
    }
}
