package io.servicequality.complaint.webhook;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.security.CallerAccess;
import io.servicequality.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery log of the caller's tenant (ADMIN): deliveries newest first, by subscription, status and event type,
 * each with its attempts; re-send one (a new attempt of the same message: same {@code webhook-id}, same body).
 * Another tenant's delivery is not found.
 */
@RestController
@RequestMapping("/api/v1/webhook-deliveries")
class WebhookDeliveryController {

    private static final String DELIVERY_EXAMPLE = """
            {"deliveryId": "0c7d2b7e-3f0a-3c1b-9d2e-5a1f3b8c9d10", "webhookId": "msg_0c7d2b7e3f0a3c1b9d2e5a1f3b8c9d10",
             "subscriptionId": "5b0f8a61-3c1e-4f43-9a59-0b9f2a7a1c10", "eventType": "complaint.sla_breached",
             "sourceEventId": "3f1c7a52-9b0e-4d7f-8a61-2c4e5f6a7b8c", "branchId": "SH-001", "status": "PENDING",
             "attemptCount": 2, "createdAt": "2026-12-04T09:30:00Z", "nextAttemptAt": "2026-12-04T09:30:30Z",
             "lastAttemptAt": "2026-12-04T09:30:10Z", "lastError": "timeout (HttpTimeoutException)",
             "attempts": [{"at": "2026-12-04T09:30:00Z", "statusCode": 500, "durationMillis": 41, "error": "HTTP 500", "resend": false},
                          {"at": "2026-12-04T09:30:10Z", "statusCode": null, "durationMillis": 5003,
                           "error": "timeout (HttpTimeoutException)", "resend": false}],
             "payload": "{\\"type\\":\\"complaint.sla_breached\\",\\"timestamp\\":\\"2026-12-04T09:29:59Z\\",\\"data\\":{…}}"}""";

    private final MongoOperations mongo;
    private final WebhookSender sender;
    private final CallerAccess callers;

    WebhookDeliveryController(MongoOperations mongo, WebhookSender sender, CallerAccess callers) {
        this.mongo = mongo;
        this.sender = sender;
        this.callers = callers;
    }

    @Operation(
            summary = "The webhook delivery log of the caller's tenant, newest first (at most 500)",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(
                                                            name = "deliveries",
                                                            value = "[" + DELIVERY_EXAMPLE + "]"))))
    @GetMapping
    List<DeliveryView> list(
            @Parameter(description = "only this subscription's deliveries") @RequestParam(required = false)
                    UUID subscriptionId,
            @Parameter(
                            description = "PENDING (first attempt or retry to come), DELIVERED or FAILED",
                            example = "FAILED")
                    @RequestParam(required = false)
                    WebhookDelivery.Status status,
            @Parameter(description = "one event type of the catalogue", example = "complaint.sla_breached")
                    @RequestParam(required = false)
                    String eventType) {
        List<Criteria> all = new ArrayList<>(List.of(where("tenantId").is(callers.tenantId())));
        if (subscriptionId != null) {
            all.add(where("subscriptionId").is(subscriptionId));
        }
        if (status != null) {
            all.add(where("status").is(status));
        }
        if (eventType != null) {
            if (WebhookEventType.ofWireName(eventType).isEmpty()) {
                throw Problems.validationFailed(
                        "eventType", "unknown event type; known: " + WebhookEventType.wireNames());
            }
            all.add(where("eventType").is(eventType));
        }
        Query query = new Query(new Criteria().andOperator(all.toArray(Criteria[]::new)))
                .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("_id")))
                .limit(500);
        return mongo.find(query, WebhookDelivery.class).stream()
                .map(DeliveryView::of)
                .toList();
    }

    @Operation(
            summary = "Send a delivery again now: the same message (webhook-id, body), signed afresh",
            description = "The answer is the delivery after the attempt. 409 while another attempt of it is under way"
                    + " or when its subscription is gone.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = @ExampleObject(name = "delivery", value = DELIVERY_EXAMPLE))))
    @PostMapping("/{deliveryId}/redeliver")
    DeliveryView redeliver(@PathVariable UUID deliveryId) {
        WebhookDelivery delivery = mongo.findById(deliveryId, WebhookDelivery.class);
        if (delivery == null || !delivery.tenantId().equals(callers.tenantId())) {
            throw Problems.notFound("No webhook delivery " + deliveryId);
        }
        if (mongo.findById(delivery.subscriptionId(), WebhookSubscription.class) == null) {
            throw Problems.conflict("deliveryId", "its subscription was removed; there is nowhere to send it");
        }
        return sender.resend(deliveryId)
                .map(DeliveryView::of)
                .orElseThrow(() -> Problems.conflict("deliveryId", "an attempt of this delivery is under way"));
    }

    /** A delivery with its attempts and the payload it sends. */
    record DeliveryView(
            UUID deliveryId,
            String webhookId,
            UUID subscriptionId,
            String eventType,
            String sourceEventId,
            String branchId,
            WebhookDelivery.Status status,
            int attemptCount,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant lastAttemptAt,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "why the last attempt failed, or why the delivery stopped without one"
                            + " (subscription removed or switched off)")
            String lastError,

            List<WebhookDelivery.Attempt> attempts,
            String payload) {

        static DeliveryView of(WebhookDelivery delivery) {
            return new DeliveryView(
                    delivery.deliveryId(),
                    delivery.webhookId(),
                    delivery.subscriptionId(),
                    delivery.eventType(),
                    delivery.sourceEventId(),
                    delivery.branchId(),
                    delivery.status(),
                    delivery.attemptCount(),
                    delivery.createdAt(),
                    delivery.nextAttemptAt(),
                    delivery.lastAttemptAt(),
                    delivery.lastError(),
                    delivery.attempts() == null ? List.of() : delivery.attempts(),
                    delivery.body());
        }
    }
}
