package io.servicequality.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a dashboard connected to one reporting instance sees: its live stream ({@code GET /api/v1/live}, the whole
 * tenant), the latest hour-bucket {@code metric} event of every branch whose id starts with a prefix, by revision. A
 * dropped connection is opened again with {@code Last-Event-ID}, as a browser's EventSource does; a {@code reset} event
 * (the instance cannot replay what was missed, e.g. after it restarted) is counted: a dashboard then reloads its view
 * from the read model, so what the stream alone shows is no longer the whole truth for that instance.
 */
final class LiveStreamWatch implements AutoCloseable {

    /** The hour bucket of a branch as the stream last showed it. */
    record Shown(long revision, long feedbackCount, long complaintsOpened) {}

    private final HttpClient http = LocalStack.httpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String reportingUrl;
    private final String branchPrefix;
    private final Map<String, Shown> shown = new ConcurrentHashMap<>();
    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final Thread reader;
    private volatile boolean running = true;
    private volatile String lastEventId;

    LiveStreamWatch(String reportingUrl, String branchPrefix) {
        this.reportingUrl = reportingUrl;
        this.branchPrefix = branchPrefix;
        this.reader = new Thread(this::read, "live-watch-" + reportingUrl);
        reader.setDaemon(true);
        reader.start();
    }

    String reportingUrl() {
        return reportingUrl;
    }

    /** Keyed {@code branch|HOUR|bucketStart}, as the count check keys its reference. */
    Map<String, Shown> shown() {
        return Map.copyOf(shown);
    }

    int resets() {
        return resets.get();
    }

    int reconnects() {
        return reconnects.get();
    }

    private void read() {
        boolean first = true;
        while (running) {
            if (!first) {
                reconnects.incrementAndGet();
            }
            first = false;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(reportingUrl + "/api/v1/live"))
                        .header("Accept", "text/event-stream");
                if (lastEventId != null) {
                    request.header("Last-Event-ID", lastEventId);
                }
                HttpResponse<Stream<String>> response =
                        http.send(Credentials.authorise(request).build(), HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() == 200) {
                    consume(response.body());
                } else {
                    response.body().close();
                }
            } catch (java.io.IOException | java.io.UncheckedIOException unreachable) {
                // the instance went away (the stream broke) or is restarting: open it again once it answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause();
        }
    }

    private void consume(Stream<String> lines) {
        String event = null;
        String id = null;
        Iterator<String> iterator = lines.iterator();
        while (running && iterator.hasNext()) {
            String line = iterator.next();
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).strip();
            } else if (line.startsWith("id:")) {
                id = line.substring("id:".length()).strip();
            } else if (line.startsWith("data:")) {
                if ("reset".equals(event)) {
                    resets.incrementAndGet();
                } else if ("metric".equals(event)) {
                    record(json.readTree(line.substring("data:".length()).strip()));
                }
            } else if (line.isEmpty()) {
                if (id != null) {
                    lastEventId = id;
                }
                event = null;
                id = null;
            }
        }
        lines.close();
    }

    private void record(JsonNode metric) {
        String branch = metric.path("branchId").asString();
        if (!branch.startsWith(branchPrefix)
                || !"HOUR".equals(metric.path("granularity").asString())) {
            return;
        }
        String key =
                branch + "|HOUR|" + Instant.parse(metric.path("bucketStart").asString());
        Shown update = new Shown(
                metric.path("revision").asLong(),
                metric.path("n").asLong(),
                metric.path("complaintsOpened").asLong());
        shown.merge(key, update, (old, fresh) -> fresh.revision() >= old.revision() ? fresh : old);
    }

    /** Waits a second before opening the stream again (the instance may be restarting). */
    private void pause() {
        try {
            Thread.sleep(1000); // reconnect back-off, as EventSource's retry
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        reader.interrupt();
    }
}
