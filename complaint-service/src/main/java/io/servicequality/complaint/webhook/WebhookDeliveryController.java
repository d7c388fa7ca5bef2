package io.servicequality.complaint.webhook;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.security.CallerAccess;
import io.servicequality.web.problem.Problems;
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
 * Webhook deliveries: list them (failed ones with {@code ?status=FAILED}), re-send one. Only the caller's tenant's
 * deliveries (and a branch-bound caller's branches') exist for it.
 */
@RestController
@RequestMapping("/api/v1/webhook-deliveries")
class WebhookDeliveryController {

    private final MongoOperations mongo;
    private final Notifier notifier;
    private final CallerAccess callers;

    WebhookDeliveryController(MongoOperations mongo, Notifier notifier, CallerAccess callers) {
        this.mongo = mongo;
        this.notifier = notifier;
        this.callers = callers;
    }

    @GetMapping
    List<DeliveryView> list(@RequestParam(required = false) WebhookDelivery.Status status) {
        List<Criteria> all = new ArrayList<>(List.of(callers.scope()));
        if (status != null) {
            all.add(where("status").is(status));
        }
        Query query = new Query(new Criteria().andOperator(all.toArray(Criteria[]::new)))
                .with(Sort.by(Sort.Order.desc("lastAttemptAt"), Sort.Order.asc("_id")))
                .limit(500);
        return mongo.find(query, WebhookDelivery.class).stream()
                .map(DeliveryView::of)
                .toList();
    }

    @PostMapping("/{eventId}/redeliver")
    DeliveryView redeliver(@PathVariable UUID eventId) {
        WebhookDelivery delivery = mongo.findOne(
                new Query(
                        new Criteria().andOperator(callers.scope(), where("_id").is(eventId))),
                WebhookDelivery.class);
        if (delivery == null) {
            throw Problems.notFound("No webhook delivery for event " + eventId);
        }
        return DeliveryView.of(notifier.redeliver(delivery));
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
