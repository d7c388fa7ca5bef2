package io.servicequality.feedback.ingest;

import io.servicequality.contracts.PlatformEvent;
import io.servicequality.feedback.eventlog.EventLog;
import io.servicequality.feedback.eventlog.EventLogUnavailableException;
import io.servicequality.feedback.eventlog.WriteOutcome;
import io.servicequality.feedback.ingest.BatchResult.ItemResult;
import io.servicequality.feedback.ingest.BatchResult.Status;
import io.servicequality.observability.IngestOutcomes;
import io.servicequality.security.CallerAccess;
import io.servicequality.web.problem.FieldProblem;
import io.servicequality.web.problem.Problems;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts events log-first: a post is answered only once the broker has acknowledged its events. Single posts wait
 * for one acknowledgement; a batch sends all its valid items and waits for all acknowledgements together.
 */
@Service
public class Intake {

    /** NDJSON: one JSON object per line. */
    public static final String NDJSON_VALUE = "application/x-ndjson";

    public static final MediaType NDJSON = MediaType.parseMediaType(NDJSON_VALUE);

    private final EventLog eventLog;
    private final JsonMapper json;
    private final Validator validator;
    private final CallerAccess callers;
    private final IngestProperties properties;
    private final Clock clock;
    private final ObjectProvider<IngestOutcomes> outcomes;

    public Intake(
            EventLog eventLog,
            JsonMapper json,
            Validator validator,
            CallerAccess callers,
            IngestProperties properties,
            Clock clock,
            ObjectProvider<IngestOutcomes> outcomes) {
        this.eventLog = eventLog;
        this.json = json;
        this.validator = validator;
        this.callers = callers;
        this.properties = properties;
        this.clock = clock;
        this.outcomes = outcomes;
    }

    /**
     * Appends one validated request's event and answers once it is durable.
     *
     * @param idempotencyKey the request's {@code Idempotency-Key}, or {@code null}; without an eventId in the body the
     *     event id is derived from it, so a retry after a lost answer cannot create a second event
     */
    public <R extends IngestRequest> Accepted submit(EventType<R, ?, ?> type, R request, String idempotencyKey) {
        callers.requireBranch(request.branchId());
        Arrival arrival = arrival(request, idempotencyKey, null, clock.instant());
        eventLog.append(type.topic(), type.factory().toEvent(request, arrival));
        return Accepted.of(arrival);
    }

    /**
     * Reads a batch (a JSON array, or NDJSON when {@code contentType} says so), validates each item on its own and
     * appends the valid ones. Invalid items are reported and do not stop the others.
     *
     * @throws PayloadTooLargeException over {@link IngestProperties#maxBatchItems()} items
     * @throws BadRequestException for a body that is not a batch at all
     */
    public <R extends IngestRequest> BatchResult submitBatch(
            EventType<R, ?, ?> type, byte[] body, MediaType contentType, String idempotencyKey) {
        List<ParsedItem> items = NDJSON.isCompatibleWith(contentType) ? ndjsonItems(body) : arrayItems(body);
        if (items.isEmpty()) {
            throw Problems.validationFailed(null, "the batch holds no items");
        }
        if (items.size() > properties.maxBatchItems()) {
            throw Problems.payloadTooLarge("The batch holds " + items.size() + " items; at most "
                    + properties.maxBatchItems() + " are accepted in one post.");
        }
        Instant receivedAt = clock.instant();
        ItemResult[] results = new ItemResult[items.size()];
        List<PlatformEvent> events = new ArrayList<>();
        List<Integer> eventItems = new ArrayList<>();
        List<Arrival> arrivals = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            ParsedItem item = items.get(index);
            List<FieldProblem> errors = item.error() != null ? List.of(item.error()) : List.of();
            R request = null;
            if (errors.isEmpty()) {
                try {
                    request = json.treeToValue(item.node(), type.requestType());
                    errors = request == null
                            ? List.of(new FieldProblem(null, "must be a JSON object"))
                            : FieldProblem.of(validator.validate(request));
                } catch (JacksonException e) {
                    errors = List.of(FieldProblem.of(e));
                }
            }
            if (!errors.isEmpty()) {
                results[index] = new ItemResult(index, Status.REJECTED, null, null, null, null, errors);
                continue;
            }
            if (!callers.mayAccessBranch(request.branchId())) {
                results[index] = new ItemResult(
                        index,
                        Status.FORBIDDEN,
                        null,
                        null,
                        null,
                        null,
                        List.of(new FieldProblem("branchId", "is not one of the caller's branches")));
                continue;
            }
            Arrival arrival = arrival(request, idempotencyKey, index, receivedAt);
            events.add(type.factory().toEvent(request, arrival));
            eventItems.add(index);
            arrivals.add(arrival);
        }
        List<WriteOutcome> outcomes = eventLog.appendAll(type.topic(), events);
        for (int i = 0; i < events.size(); i++) {
            Arrival arrival = arrivals.get(i);
            WriteOutcome outcome = outcomes.get(i);
            boolean written = outcome == WriteOutcome.WRITTEN;
            int index = eventItems.get(i);
            results[index] = new ItemResult(
                    index,
                    written ? Status.ACCEPTED : Status.UNAVAILABLE,
                    arrival.eventId(),
                    arrival.receivedAt(),
                    arrival.late(),
                    written ? null : outcome,
                    null);
        }
        count(type, results);
        BatchResult result = BatchResult.of(List.of(results));
        if (!events.isEmpty() && !outcomes.contains(WriteOutcome.WRITTEN)) {
            throw unconfirmed(result, outcomes);
        }
        return result;
    }

    /**
     * 503 for a batch of which the broker confirmed nothing: what is known of each item and every eventId, so that the
     * client resends exactly these events (with their ids) and nothing is counted twice.
     */
    private ErrorResponseException unconfirmed(BatchResult result, List<WriteOutcome> outcomes) {
        WriteOutcome outcome =
                outcomes.contains(WriteOutcome.UNKNOWN) ? WriteOutcome.UNKNOWN : WriteOutcome.NOT_WRITTEN;
        ErrorResponseException unavailable = Problems.dependencyUnavailable(
                EventLogUnavailableException.detail(outcome)
                        + " No item was confirmed: resend the unavailable items with the eventId of their result;"
                        + " an event is counted once however often it is sent with the same eventId.",
                eventLog.retryAfter(),
                null);
        ProblemDetail problem = unavailable.getBody();
        problem.setProperty("outcome", outcome);
        problem.setProperty("accepted", result.accepted());
        problem.setProperty("rejected", result.rejected());
        problem.setProperty("unavailable", result.unavailable());
        problem.setProperty("forbidden", result.forbidden());
        problem.setProperty("results", result.results());
        return unavailable;
    }

    /** A batch's items counted one by one in the ingest meters (its post as a whole is not an event). */
    private void count(EventType<?, ?, ?> type, ItemResult[] results) {
        outcomes.ifAvailable(meters -> {
            for (ItemResult result : results) {
                switch (result.status()) {
                    case ACCEPTED -> meters.accepted(type.noun(), 1);
                    case REJECTED -> meters.refused(type.noun(), "validation", 1);
                    case FORBIDDEN -> meters.refused(type.noun(), "forbidden", 1);
                    case UNAVAILABLE -> meters.refused(type.noun(), "unavailable", 1);
                }
            }
        });
    }

    private Arrival arrival(IngestRequest request, String idempotencyKey, Integer batchIndex, Instant receivedAt) {
        boolean late =
                request.occurredAt() != null && request.occurredAt().isBefore(receivedAt.minus(properties.lateAfter()));
        return new Arrival(eventIdOf(request, idempotencyKey, batchIndex), callers.tenantId(), receivedAt, late);
    }

    private UUID eventIdOf(IngestRequest request, String idempotencyKey, Integer batchIndex) {
        if (request.eventId() != null) {
            return request.eventId();
        }
        if (idempotencyKey == null) {
            return UUID.randomUUID();
        }
        String name = callers.tenantId() + "\n" + idempotencyKey + (batchIndex == null ? "" : "\n" + batchIndex);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private List<ParsedItem> arrayItems(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw Problems.validationFailed(null, "the body is not valid JSON: send a JSON array or NDJSON");
        }
        if (root == null || !root.isArray()) {
            throw Problems.validationFailed(
                    null, "a batch is a JSON array of items (or NDJSON with Content-Type application/x-ndjson)");
        }
        List<ParsedItem> items = new ArrayList<>(root.size());
        root.forEach(node -> items.add(ParsedItem.of(node)));
        return items;
    }

    private List<ParsedItem> ndjsonItems(byte[] body) {
        List<ParsedItem> items = new ArrayList<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                items.add(ParsedItem.of(json.readTree(line)));
            } catch (JacksonException e) {
                items.add(new ParsedItem(null, new FieldProblem(null, "is not valid JSON")));
            }
        }
        return items;
    }

    private record ParsedItem(JsonNode node, FieldProblem error) {

        static ParsedItem of(JsonNode node) {
            return node.isObject()
                    ? new ParsedItem(node, null)
                    : new ParsedItem(null, new FieldProblem(null, "must be a JSON object"));
        }
    }
}
