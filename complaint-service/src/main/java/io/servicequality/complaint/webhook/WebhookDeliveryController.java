package io.servicequality.complaint.webhook;

import io.servicequality.complaint.problem.Problems;
import io.servicequality.complaint.tenant.TenantProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Webhook deliveries: list them (failed ones with {@code ?status=FAILED}), re-send one. */
@RestController
@RequestMapping("/api/v1/webhook-deliveries")
class WebhookDeliveryController {

    private final WebhookDeliveries deliveries;
    private final Notifier notifier;
    private final String tenantId;

    WebhookDeliveryController(WebhookDeliveries deliveries, Notifier notifier, TenantProperties tenant) {
        this.deliveries = deliveries;
        this.notifier = notifier;
        this.tenantId = tenant.tenantId();
    }

    @GetMapping
    List<DeliveryView> list(@RequestParam(required = false) WebhookDelivery.Status status) {
        List<WebhookDelivery> found = status == null
                ? deliveries.findByTenantIdOrderByLastAttemptAtDesc(tenantId, Limit.of(500))
                : deliveries.findByTenantIdAndStatusOrderByLastAttemptAtDesc(tenantId, status, Limit.of(500));
        return found.stream().map(DeliveryView::of).toList();
    }

    @PostMapping("/{eventId}/redeliver")
    DeliveryView redeliver(@PathVariable UUID eventId) {
        return notifier.redeliver(eventId)
                .map(DeliveryView::of)
                .orElseThrow(() -> Problems.notFound("No webhook delivery for event " + eventId));
    }

    /** A delivery without its body. */
    record DeliveryView(
            UUID eventId,
            String complaintId,
            String number,
            String type,
            WebhookDelivery.Status status,
            int attempts,
            String lastError,
            Instant lastAttemptAt) {

        static DeliveryView of(WebhookDelivery delivery) {
            return new DeliveryView(
                    delivery.eventId(),
                    delivery.complaintId(),
                    delivery.number(),
                    delivery.type(),
                    delivery.status(),
                    delivery.attempts(),
                    delivery.lastError(),
                    delivery.lastAttemptAt());
        }
    }
}
