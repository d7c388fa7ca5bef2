package io.servicequality.complaint.webhook;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.security.CallerAccess;
import io.servicequality.security.audit.AuditTrail;
import io.servicequality.web.problem.Problems;
import io.servicequality.web.webhook.StandardWebhookSignature;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The caller's tenant's subscriptions: created, changed, disabled, removed and their secret rotated, each change in
 * the audit trail ({@code webhook.created}, {@code webhook.changed}, {@code webhook.removed},
 * {@code webhook.secret-rotated}; target {@code webhook:<id>}; never the secret). Another tenant's subscription is
 * not found (404).
 */
@Service
class WebhookSubscriptions {

    private final MongoOperations mongo;
    private final CallerAccess callers;
    private final AuditTrail audit;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookSubscriptions(
            MongoOperations mongo, CallerAccess callers, AuditTrail audit, WebhookProperties properties, Clock clock) {
        this.mongo = mongo;
        this.callers = callers;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    WebhookSubscription create(WebhookSubscriptionRequest request) {
        WebhookSubscriptionRequest.Checked checked = request.checked(properties.allowHttpLocalhost());
        var now = clock.instant();
        WebhookSubscription created = mongo.insert(new WebhookSubscription(
                UUID.randomUUID(),
                callers.tenantId(),
                checked.url(),
                checked.eventTypes(),
                checked.description(),
                checked.enabled(),
                null,
                StandardWebhookSignature.newSecret(),
                now,
                now));
        audit.record("webhook.created", target(created), null, SubscriptionView.of(created));
        return created;
    }

    List<WebhookSubscription> all() {
        return mongo.find(
                new Query(where("tenantId").is(callers.tenantId())).with(Sort.by("createdAt", "_id")),
                WebhookSubscription.class);
    }

    WebhookSubscription get(UUID subscriptionId) {
        WebhookSubscription found = mongo.findById(subscriptionId, WebhookSubscription.class);
        if (found == null || !found.tenantId().equals(callers.tenantId())) {
            throw Problems.notFound("No webhook subscription " + subscriptionId);
        }
        return found;
    }

    WebhookSubscription update(UUID subscriptionId, WebhookSubscriptionRequest request) {
        WebhookSubscription before = get(subscriptionId);
        WebhookSubscriptionRequest.Checked checked = request.checked(properties.allowHttpLocalhost());
        WebhookSubscription after = mongo.save(before.changed(
                checked.url(), checked.eventTypes(), checked.description(), checked.enabled(), clock.instant()));
        audit.record("webhook.changed", target(after), SubscriptionView.of(before), SubscriptionView.of(after));
        return after;
    }

    void remove(UUID subscriptionId) {
        WebhookSubscription before = get(subscriptionId);
        mongo.remove(new Query(where("_id").is(subscriptionId)), WebhookSubscription.class);
        audit.record("webhook.removed", target(before), SubscriptionView.of(before), null);
    }

    WebhookSubscription rotateSecret(UUID subscriptionId) {
        WebhookSubscription before = get(subscriptionId);
        WebhookSubscription after =
                mongo.save(before.withSecret(StandardWebhookSignature.newSecret(), clock.instant()));
        audit.record("webhook.secret-rotated", target(after), SubscriptionView.of(before), SubscriptionView.of(after));
        return after;
    }

    /** The subscriptions of {@code tenantId} that receive {@code type} now (no caller: the event's tenant). */
    List<WebhookSubscription> receiving(String tenantId, WebhookEventType type) {
        return mongo
                .find(
                        new Query(where("tenantId")
                                .is(tenantId)
                                .and("enabled")
                                .is(true)
                                .and("eventTypes")
                                .is(type.wireName())),
                        WebhookSubscription.class)
                .stream()
                .filter(subscription -> subscription.receives(type))
                .toList();
    }

    /** Stops sending to a receiver that answered 410 Gone (a delivery's outcome, not a request: no audit caller). */
    void disableGone(UUID subscriptionId, int status) {
        mongo.updateFirst(
                new Query(where("_id").is(subscriptionId)),
                new Update()
                        .set("enabled", false)
                        .set("disabledReason", "the receiver answered " + status + " Gone")
                        .set("updatedAt", clock.instant()),
                WebhookSubscription.class);
    }

    private static String target(WebhookSubscription subscription) {
        return "webhook:" + subscription.subscriptionId();
    }
}
