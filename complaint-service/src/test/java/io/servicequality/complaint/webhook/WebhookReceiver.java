package io.servicequality.complaint.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Webhook endpoints on a free local port: every request to {@code /<name>} is kept (headers in lower case, body) and
 * answered with the next status queued for that name, 204 once the queue is empty.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> always = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String endpoint = exchange.getRequestURI().getPath().substring(1);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
            int status;
            synchronized (answers) {
                Deque<Integer> queued = answers.get(endpoint);
                status = queued != null && !queued.isEmpty() ? queued.poll() : always.getOrDefault(endpoint, 204);
            }
            received.add(new Received(endpoint, headers, body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String endpoint) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + endpoint;
    }

    /** The next requests to {@code endpoint} are answered with these statuses, in order. */
    void answer(String endpoint, Integer... statuses) {
        synchronized (answers) {
            answers.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).addAll(List.of(statuses));
        }
    }

    /** Every request to {@code endpoint} is answered with {@code status}. */
    void alwaysAnswer(String endpoint, int status) {
        always.put(endpoint, status);
    }

    List<Received> at(String endpoint) {
        return received.stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    record Received(String endpoint, Map<String, List<String>> headers, String body, int answered) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }
}
