package io.servicequality.feedback.ingest;

import io.servicequality.contracts.PlatformEvent;
import io.servicequality.feedback.audit.AuditQuery;
import io.servicequality.feedback.audit.EventAudit;
import io.servicequality.feedback.paging.Page;
import io.servicequality.web.problem.Problems;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The ingest endpoints of one kind of event, the same for every kind: a feature's controller extends this with its
 * {@link EventType} and its base path, and adds its audit list (whose filters may differ by kind). The request examples
 * of the OpenAPI document come from the type ({@link IngestApiDocumentation}).
 */
public abstract class IngestEndpoints<R extends IngestRequest, E extends PlatformEvent, D> {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final EventType<R, E, D> type;
    private final Intake intake;
    private final EventAudit audit;

    protected IngestEndpoints(EventType<R, E, D> type, Intake intake, EventAudit audit) {
        this.type = type;
        this.intake = intake;
        this.audit = audit;
    }

    EventType<R, E, D> type() {
        return type;
    }

    /** 202 once the broker has acknowledged the event; 503 with Retry-After when it did not. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Accepted> submit(
            @Valid @RequestBody R request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        Accepted accepted = intake.submit(type, request, idempotencyKey);
        URI stored = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{eventId}")
                .buildAndExpand(accepted.eventId())
                .toUri();
        return ResponseEntity.accepted()
                .location(URI.create(stored.getRawPath()))
                .body(accepted);
    }

    /**
     * Up to {@code sqp.ingest.max-batch-items} items as a JSON array or NDJSON; 200 with a result per item. Valid
     * items are accepted even when others are rejected; 503 when the broker acknowledged none of them.
     */
    @PostMapping(
            path = "/batch",
            consumes = {MediaType.APPLICATION_JSON_VALUE, Intake.NDJSON_VALUE})
    public BatchResult submitBatch(
            @RequestBody byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        return intake.submitBatch(type, body, contentType, idempotencyKey);
    }

    /** Visible shortly after acceptance, once the audit store has consumed the event. */
    @GetMapping("/{eventId}")
    public D get(@PathVariable UUID eventId) {
        return audit.find(type.topic(), type.eventType(), eventId)
                .map(type.details())
                .orElseThrow(() -> Problems.notFound(type.noun() + " " + eventId));
    }

    /**
     * For audit: the stored events in event-time order, filtered, one page at a time.
     *
     * @param narrowing a filter of this kind's own on the stored event (its fields under {@code event.}), or {@code null}
     */
    protected Page<D> list(AuditQuery query, Criteria narrowing) {
        return audit.list(type.topic(), type.eventType(), query, narrowing).map(type.details());
    }
}
