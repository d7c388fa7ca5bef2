package io.servicequality.reporting.live;

import io.servicequality.contracts.AlertHandlingChanged;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.RiskGradeChanged;
import io.servicequality.reporting.alert.AlertFilter;
import io.servicequality.reporting.alert.AlertRecord;
import io.servicequality.reporting.scorecard.Scorecard;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans metric updates, alerts and alert-handling changes ({@link LiveFeed}) out to the connected streams, each stream only its caller's tenant and scope
 * (the filter resolved from the caller when it connected, narrowed for branch-bound callers). Sending happens on
 * one dispatcher thread, never on the Kafka consumer's, so a slow client cannot hold up consumption; a client whose
 * send fails is dropped (its browser reconnects and resumes).
 */
@Component
class LiveStream {

    private final ScorecardCalculator calculator;
    private final LiveProperties properties;
    private final String boot = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Deque<LiveEvent> recent = new ArrayDeque<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-stream");
        thread.setDaemon(true);
        return thread;
    });
    private long sequence;

    LiveStream(ScorecardCalculator calculator, LiveProperties properties) {
        this.calculator = calculator;
        this.properties = properties;
    }

    /** A connected client and what it receives. */
    private record Subscriber(SseEmitter emitter, String tenantId, AlertFilter filter) {

        boolean wants(LiveEvent event) {
            return tenantId.equals(event.tenantId())
                    && filter.passes(event.branchId(), event.scopeLevel(), event.scopeId());
        }
    }

    /**
     * Opens a stream. With a {@code lastEventId} from this server run that is still in the replay buffer, the events
     * after it are sent first; with one that is not, a {@code reset} event tells the client to reload its view.
     */
    SseEmitter subscribe(String tenantId, AlertFilter filter, String lastEventId) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Subscriber subscriber = new Subscriber(emitter, tenantId, filter);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(failure -> subscribers.remove(subscriber));
        dispatcher.execute(() -> {
            List<LiveEvent> replay = replayAfter(lastEventId);
            try {
                emitter.send(SseEmitter.event().comment("connected"));
                if (replay == null) {
                    emitter.send(SseEmitter.event()
                            .name("reset")
                            .data(new Reset("resume point unknown; reload the view"), MediaType.APPLICATION_JSON));
                } else {
                    for (LiveEvent event : replay) {
                        if (subscriber.wants(event)) {
                            send(emitter, event);
                        }
                    }
                }
                subscribers.add(subscriber);
            } catch (IOException | IllegalStateException gone) {
                finish(emitter, gone);
            }
        });
        return emitter;
    }

    record Reset(String reason) {}

    /** Relays a metric update: the bucket's own metrics, computed from its statistics. */
    void publishMetric(MetricUpdated update) {
        publish("metric", update.tenantId(), update.branchId(), null, null, viewOf(update));
    }

    /**
     * Relays a metric update read only when a client's scope wants it (at most once; the replay buffer keeps it unread
     * until then); {@code read} answers {@code null} for an update that cannot be shown, which is then not sent.
     */
    void publishMetric(String tenantId, String branchId, Supplier<MetricUpdated> read) {
        publish("metric", tenantId, branchId, null, null, new Unread(() -> {
            MetricUpdated update = read.get();
            return update == null ? null : viewOf(update);
        }));
    }

    /** An event's data read when it is first sent; {@code null} when it cannot be. */
    private static final class Unread {

        private Supplier<Object> read;
        private Object data;

        Unread(Supplier<Object> read) {
            this.read = read;
        }

        Object data() {
            if (read != null) {
                data = read.get();
                read = null;
            }
            return data;
        }
    }

    private MetricUpdate viewOf(MetricUpdated update) {
        Scorecard.Feedback feedback = calculator.feedback(update.statistics());
        Scorecard.Interactions interactions =
                calculator.interactions(update.statistics().interactions());
        Scorecard.Complaints complaints = calculator.complaints(
                update.statistics().complaints(), update.statistics().interactions(), null);
        return new MetricUpdate(
                update.branchId(),
                update.granularity().name(),
                update.bucketStart(),
                update.revision(),
                feedback.n(),
                calculator.sqi(feedback, interactions, complaints),
                feedback.csat() == null ? null : feedback.csat().percent(),
                feedback.nps() == null ? null : feedback.nps().score(),
                interactions == null ? null : interactions.answerRate(),
                complaints == null ? null : complaints.resolutionCompliance(),
                update.statistics().complaints().opened());
    }

    void publishAlert(AlertRecord alert) {
        publish("alert", alert.tenantId(), alert.branchId(), alert.scopeLevel(), alert.scopeId(), alert);
    }

    /** Relays a change of an alert's handling, filtered like the alert itself. */
    void publishAlertHandling(AlertHandlingChanged change) {
        publish(
                "alert-handling",
                change.tenantId(),
                change.branchId(),
                change.scope() == null ? null : change.scope().level().name(),
                change.scope() == null ? null : change.scope().id(),
                change);
    }

    /** Relays a change of a branch's risk grade, filtered like the branch's metric updates. */
    void publishRiskGrade(RiskGradeChanged change) {
        publish("risk-grade", change.tenantId(), change.branchId(), null, null, change);
    }

    @Scheduled(fixedDelayString = "${sqp.live.heartbeat:15s}")
    void heartbeat() {
        dispatcher.execute(() -> {
            for (Subscriber subscriber : subscribers) {
                try {
                    subscriber.emitter().send(SseEmitter.event().comment("heartbeat"));
                } catch (IOException | IllegalStateException gone) {
                    drop(subscriber, gone);
                }
            }
        });
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private void publish(
            String name, String tenantId, String branchId, String scopeLevel, String scopeId, Object data) {
        dispatcher.execute(() -> {
            LiveEvent event = new LiveEvent(
                    boot + "-" + (++sequence), sequence, name, tenantId, branchId, scopeLevel, scopeId, data);
            recent.addLast(event);
            while (recent.size() > properties.replayBuffer()) {
                recent.removeFirst();
            }
            for (Subscriber subscriber : subscribers) {
                if (subscriber.wants(event)) {
                    try {
                        send(subscriber.emitter(), event);
                    } catch (IOException | IllegalStateException gone) {
                        drop(subscriber, gone);
                    }
                }
            }
        });
    }

    /** Runs on the dispatcher. {@code null} when the client must reload instead. */
    private List<LiveEvent> replayAfter(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return List.of();
        }
        int dash = lastEventId.lastIndexOf('-');
        if (dash < 0 || !lastEventId.substring(0, dash).equals(boot)) {
            return null;
        }
        long after;
        try {
            after = Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException malformed) {
            return null;
        }
        long oldest = recent.isEmpty() ? sequence + 1 : recent.peekFirst().sequence();
        if (after < oldest - 1 || after > sequence) {
            return null;
        }
        List<LiveEvent> replay = new ArrayList<>();
        for (LiveEvent event : recent) {
            if (event.sequence() > after) {
                replay.add(event);
            }
        }
        return replay;
    }

    /** Runs on the dispatcher (so an {@link Unread} event is read by one thread). */
    private static void send(SseEmitter emitter, LiveEvent event) throws IOException {
        Object data = event.data() instanceof Unread unread ? unread.data() : event.data();
        if (data != null) {
            emitter.send(SseEmitter.event().id(event.id()).name(event.name()).data(data, MediaType.APPLICATION_JSON));
        }
    }

    private void drop(Subscriber subscriber, Exception cause) {
        subscribers.remove(subscriber);
        finish(subscriber.emitter(), cause);
    }

    /**
     * Ends a stream whose client is gone. The container may already have failed the request's async context (the
     * client disconnected), in which case completing it again throws; the stream is over either way, and the
     * dispatcher thread must go on serving the others.
     */
    private static void finish(SseEmitter emitter, Exception cause) {
        try {
            emitter.completeWithError(cause);
        } catch (IllegalStateException alreadyFailed) {
            // nothing left to complete
        }
    }

    @PreDestroy
    void close() {
        subscribers.forEach(subscriber -> subscriber.emitter().complete());
        dispatcher.shutdownNow();
    }
}
