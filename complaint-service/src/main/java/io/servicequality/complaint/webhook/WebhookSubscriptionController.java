package io.servicequality.complaint.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's tenant's webhook subscriptions (ADMIN): create (the signing secret is in the answer, and never again),
 * list, read, change (URL, event types, description, on/off), remove, rotate the secret.
 */
@RestController
@RequestMapping(WebhookSubscriptionController.PATH)
class WebhookSubscriptionController {

    static final String PATH = "/api/v1/webhooks";

    private static final String REQUEST_EXAMPLE = """
            {"url": "https://hooks.example.com/sqp", "eventTypes": ["alert.raised", "complaint.sla_breached", "risk.grade_changed"],
             "description": "On-call pager", "enabled": true}""";

    private static final String CREATED_EXAMPLE = """
            {"subscriptionId": "5b0f8a61-3c1e-4f43-9a59-0b9f2a7a1c10", "url": "https://hooks.example.com/sqp",
             "eventTypes": ["alert.raised", "complaint.sla_breached", "risk.grade_changed"], "description": "On-call pager",
             "enabled": true, "disabledReason": null, "createdAt": "2026-12-04T09:30:00Z", "updatedAt": "2026-12-04T09:30:00Z",
             "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}""";

    private static final String VIEW_EXAMPLE = """
            {"subscriptionId": "5b0f8a61-3c1e-4f43-9a59-0b9f2a7a1c10", "url": "https://hooks.example.com/sqp",
             "eventTypes": ["alert.raised", "complaint.sla_breached"], "description": "On-call pager", "enabled": false,
             "disabledReason": "the receiver answered 410 Gone", "createdAt": "2026-12-04T09:30:00Z",
             "updatedAt": "2026-12-05T11:02:13Z"}""";

    private static final String INVALID_EXAMPLE = """
            {"type": "https://servicequality.io/problems/validation-failed", "title": "Validation failed", "status": 400,
             "detail": "The request is not valid",
             "errors": [{"field": "eventTypes", "message": "unknown event type alert.silenced; known: [alert.raised, …]"},
                        {"field": "url", "message": "must use https"}]}""";

    private final WebhookSubscriptions subscriptions;

    WebhookSubscriptionController(WebhookSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Operation(
            summary = "Subscribe an endpoint of the caller's tenant to webhook event types",
            description = "Event types: alert.raised, alert.cleared, alert.escalated, complaint.sla_warning,"
                    + " complaint.sla_breached, complaint.escalated, risk.grade_changed. The URL must be https. The"
                    + " answer carries the Standard Webhooks signing secret (whsec_…), shown only this once.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = @ExampleObject(name = "subscription", value = REQUEST_EXAMPLE))),
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        description = "Created, with its secret",
                        content =
                                @Content(
                                        mediaType = "application/json",
                                        examples = @ExampleObject(name = "created", value = CREATED_EXAMPLE))),
                @ApiResponse(
                        responseCode = "400",
                        description = "An unknown event type, a URL that is not https",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        examples = @ExampleObject(name = "invalid", value = INVALID_EXAMPLE)))
            })
    @PostMapping
    ResponseEntity<SubscriptionView.CreatedSubscription> create(
            @Valid @RequestBody WebhookSubscriptionRequest request) {
        WebhookSubscription created = subscriptions.create(request);
        return ResponseEntity.created(URI.create(PATH + "/" + created.subscriptionId()))
                .body(SubscriptionView.CreatedSubscription.of(created));
    }

    @Operation(
            summary = "The caller's tenant's webhook subscriptions, oldest first (without secrets)",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(
                                                            name = "subscriptions",
                                                            value = "[" + VIEW_EXAMPLE + "]"))))
    @GetMapping
    List<SubscriptionView> list() {
        return subscriptions.all().stream().map(SubscriptionView::of).toList();
    }

    @Operation(
            summary = "One webhook subscription (without its secret)",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = @ExampleObject(name = "subscription", value = VIEW_EXAMPLE))))
    @GetMapping("/{subscriptionId}")
    SubscriptionView get(@PathVariable UUID subscriptionId) {
        return SubscriptionView.of(subscriptions.get(subscriptionId));
    }

    @Operation(
            summary = "Change a subscription: URL, event types, description, enabled (false stops its deliveries)",
            description = "The whole subscription as for its creation; enabled left out means true. Turning a"
                    + " subscription that a 410 Gone disabled back on clears its disabledReason.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = @ExampleObject(name = "subscription", value = REQUEST_EXAMPLE))))
    @PutMapping("/{subscriptionId}")
    SubscriptionView update(@PathVariable UUID subscriptionId, @Valid @RequestBody WebhookSubscriptionRequest request) {
        return SubscriptionView.of(subscriptions.update(subscriptionId, request));
    }

    @Operation(
            summary = "Remove a subscription",
            description = "Its pending deliveries are not sent; the delivery log keeps its past deliveries.")
    @DeleteMapping("/{subscriptionId}")
    ResponseEntity<Void> remove(@PathVariable UUID subscriptionId) {
        subscriptions.remove(subscriptionId);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Give a subscription a new signing secret, shown only in this answer",
            description = "Deliveries are signed with the new secret from now on, re-sends included.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = @ExampleObject(name = "rotated", value = CREATED_EXAMPLE))))
    @PostMapping("/{subscriptionId}/rotate-secret")
    SubscriptionView.CreatedSubscription rotateSecret(@PathVariable UUID subscriptionId) {
        return SubscriptionView.CreatedSubscription.of(subscriptions.rotateSecret(subscriptionId));
    }
}
