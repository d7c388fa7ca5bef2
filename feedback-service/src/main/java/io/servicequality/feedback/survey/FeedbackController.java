package io.servicequality.feedback.survey;

import io.servicequality.contracts.Channel;
import io.servicequality.feedback.ingest.Accepted;
import io.servicequality.feedback.ingest.BatchResult;
import io.servicequality.feedback.paging.AuditFilter;
import io.servicequality.feedback.paging.Page;
import io.servicequality.web.problem.Problems;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/feedback")
class FeedbackController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final FeedbackIntake intake;
    private final FeedbackProjection projection;

    FeedbackController(FeedbackIntake intake, FeedbackProjection projection) {
        this.intake = intake;
        this.projection = projection;
    }

    /** 202 once the broker has acknowledged the event; 503 with Retry-After when it did not. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = SubmitFeedbackRequest.class),
                            examples = {
                                @ExampleObject(name = "dimensions", value = FeedbackExamples.SINGLE),
                                @ExampleObject(name = "item-level answers", value = FeedbackExamples.ITEM_LEVEL)
                            }))
    ResponseEntity<Accepted> submit(
            @Valid @RequestBody SubmitFeedbackRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        Accepted accepted = intake.submit(request, idempotencyKey);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/feedback/" + accepted.eventId()))
                .body(accepted);
    }

    /**
     * Up to {@code sqp.ingest.max-batch-items} items as a JSON array or NDJSON; 200 with a result per item. Valid
     * items are accepted even when others are rejected; 503 when the broker acknowledged none of them.
     */
    @PostMapping(
            path = "/batch",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/x-ndjson"})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        array = @ArraySchema(schema = @Schema(implementation = SubmitFeedbackRequest.class)),
                        examples = @ExampleObject(name = "JSON array", value = FeedbackExamples.BATCH)),
                @Content(
                        mediaType = "application/x-ndjson",
                        schema = @Schema(type = "string"),
                        examples = @ExampleObject(name = "NDJSON", value = FeedbackExamples.BATCH_NDJSON))
            })
    BatchResult submitBatch(
            @RequestBody byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        return intake.submitBatch(body, contentType, idempotencyKey);
    }

    /** Visible shortly after acceptance, once the projection has consumed the event. */
    @GetMapping("/{eventId}")
    FeedbackDetails get(@PathVariable UUID eventId) {
        return projection.find(eventId).orElseThrow(() -> Problems.notFound("feedback " + eventId));
    }

    /** For audit: stored feedback in event-time order, filtered, one page at a time. */
    @GetMapping
    Page<FeedbackDetails> list(
            @RequestParam(required = false) String branchId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) Boolean hasComment,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "100") int limit) {
        return projection.list(new AuditFilter(branchId, from, to, channel), hasComment, cursor, limit);
    }
}
