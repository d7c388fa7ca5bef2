package io.servicequality.reporting;

import io.servicequality.security.test.TestCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A minimal server-sent-events client for the tests (of every feature package): parses events and counts comment lines.
 */
public final class SseReader implements AutoCloseable {

    public record Event(String id, String name, String data) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    private SseReader(HttpClient http, URI uri, String lastEventId, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(this::read);
    }

    /** A stream of the tests' default caller (an ADMIN of {@link TestCredentials#TENANT}). */
    public static SseReader open(HttpClient http, URI uri, String lastEventId) {
        return new SseReader(http, uri, lastEventId, TestCredentials.admin());
    }

    /** A stream of the caller with {@code authorization} (e.g. {@code Bearer …}). */
    public static SseReader open(HttpClient http, URI uri, String lastEventId, String authorization) {
        return new SseReader(http, uri, lastEventId, authorization);
    }

    public boolean connected() {
        return connected.get();
    }

    int heartbeats() {
        return heartbeats.get();
    }

    /** The next event (comments skipped), or a failure after the deadline. */
    public Event next(Duration deadline) throws InterruptedException {
        Event event = events.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + deadline);
        }
        return event;
    }

    /** The events received so far and not yet taken. */
    public List<Event> drain() {
        List<Event> drained = new ArrayList<>();
        events.drainTo(drained);
        return drained;
    }

    private void read(HttpResponse<Stream<String>> response) {
        lines = response.body();
        String[] id = {null};
        String[] name = {null};
        StringBuilder data = new StringBuilder();
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if (name[0] != null || data.length() > 0) {
                    events.add(new Event(id[0], name[0] == null ? "message" : name[0], data.toString()));
                }
                id[0] = null;
                name[0] = null;
                data.setLength(0);
            } else if (line.startsWith(":")) {
                String comment = line.substring(1).strip();
                if (comment.equals("connected")) {
                    connected.set(true);
                } else if (comment.equals("heartbeat")) {
                    heartbeats.incrementAndGet();
                }
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id[0] = value;
                    case "event" -> name[0] = value;
                    case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
                    default -> {}
                }
            }
        });
    }

    @Override
    public void close() {
        response.cancel(true);
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
    }
}
