package io.servicequality.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One step of an open-model load: requests are sent at a constant arrival rate whatever the answers do, and each
 * latency is measured from the request's intended send time, so a slow server cannot hide queueing (no coordinated
 * omission). In batch mode one request carries {@code batchSize} events of one kind.
 */
final class LoadStep {

    record Result(
            double offeredEventsPerSecond,
            double acceptedEventsPerSecond,
            long acceptedEvents,
            long failedRequests,
            long notSent,
            Percentiles ingestMillis) {}

    private final HttpClient http;
    private final Map<EventMix.Kind, String> baseUrls;
    private final EventMix mix;
    private final int batchSize;
    private final int maxInFlight;

    LoadStep(HttpClient http, Map<EventMix.Kind, String> baseUrls, EventMix mix, int batchSize, int maxInFlight) {
        this.http = http;
        this.baseUrls = baseUrls;
        this.mix = mix;
        this.batchSize = batchSize;
        this.maxInFlight = maxInFlight;
    }

    Result run(double eventsPerSecond, Duration duration) throws InterruptedException {
        double requestsPerSecond = eventsPerSecond / batchSize;
        long intervalNanos = (long) (1_000_000_000L / requestsPerSecond);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Semaphore inFlight = new Semaphore(maxInFlight);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long notSent = 0;
        long sent = 0;
        for (long intended = start; intended < end; intended += intervalNanos) {
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                notSent++;
                continue;
            }
            sent++;
            long intendedAt = intended;
            EventMix.Kind kind = mix.nextKind();
            int events = kind == EventMix.Kind.COMPLAINT ? 1 : batchSize;
            HttpRequest request = request(kind, events);
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                latencies.add((System.nanoTime() - intendedAt) / 1_000_000.0);
                if (error == null && response.statusCode() / 100 == 2) {
                    accepted.addAndGet(acceptedIn(response, events));
                } else {
                    failed.incrementAndGet();
                }
                inFlight.release();
            });
        }
        // let the requests in flight finish (bounded), so that their latencies count
        if (!inFlight.tryAcquire(maxInFlight, 60, TimeUnit.SECONDS)) {
            failed.addAndGet(maxInFlight - inFlight.availablePermits());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] values = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(
                eventsPerSecond,
                accepted.get() / seconds,
                accepted.get(),
                failed.get(),
                notSent,
                Percentiles.of(values));
    }

    private HttpRequest request(EventMix.Kind kind, int events) {
        Instant now = Instant.now();
        String body;
        String path = kind.path;
        if (events == 1) {
            body = mix.body(kind, now);
        } else {
            List<String> items = new ArrayList<>(events);
            for (int i = 0; i < events; i++) {
                items.add(mix.body(kind, now));
            }
            body = "[" + String.join(",", items) + "]";
            path = path + "/batch";
        }
        return Credentials.authorise(HttpRequest.newBuilder(URI.create(baseUrls.get(kind) + path)))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** A batch answer lists a result per item; an item counts when its own status is 2xx. */
    private static long acceptedIn(HttpResponse<String> response, int events) {
        if (events == 1) {
            return 1;
        }
        String body = response.body();
        long accepted = 0;
        int at = 0;
        while ((at = body.indexOf("\"status\":", at)) >= 0) {
            at += 9;
            int value = skipSpaceAndQuote(body, at);
            if (body.startsWith("2", value) || body.startsWith("ACCEPTED", value)) {
                accepted++;
            }
        }
        return accepted;
    }

    private static int skipSpaceAndQuote(String body, int at) {
        while (at < body.length() && (body.charAt(at) == ' ' || body.charAt(at) == '"')) {
            at++;
        }
        return at;
    }
}
