package io.servicequality.complaint.webhook;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends deliveries and keeps their state. Every {@code poll-interval} it reads the due deliveries (PENDING,
 * {@code nextAttemptAt} passed) from the store, so retries survive a restart and any instance can send them; before
 * sending it <em>claims</em> one with a conditional update that only matches an unclaimed (or expired) claim, so of
 * two instances one sends and the other skips it. An attempt's outcome is written under the same claim token: 2xx is
 * DELIVERED; 410 Gone is FAILED and disables the subscription; anything else is retried after the exponential
 * back-off of {@link WebhookProperties#retryAfter} until {@code max-attempts}, then FAILED.
 */
@Component
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final MongoOperations mongo;
    private final WebhookClient client;
    private final WebhookSubscriptions subscriptions;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookSender(
            MongoOperations mongo,
            WebhookClient client,
            WebhookSubscriptions subscriptions,
            WebhookProperties properties,
            Clock clock) {
        this.mongo = mongo;
        this.client = client;
        this.subscriptions = subscriptions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${sqp.complaints.webhook.poll-interval:1s}",
            initialDelayString = "${sqp.complaints.webhook.poll-interval:1s}")
    void sendDue() {
        try {
            Instant now = clock.instant();
            List<WebhookDelivery> due = mongo.find(
                    new Query(where("status")
                                    .is(WebhookDelivery.Status.PENDING)
                                    .and("nextAttemptAt")
                                    .lte(now))
                            .with(Sort.by("nextAttemptAt"))
                            .limit(properties.batchSize()),
                    WebhookDelivery.class);
            for (WebhookDelivery delivery : due) {
                claim(delivery.deliveryId(), true).ifPresent(claimed -> attempt(claimed, false));
            }
        } catch (DataAccessException e) {
            log.warn("Webhook deliveries wait for the store: {}", e.toString());
        }
    }

    /**
     * An administrator's re-send: one attempt now, with the same {@code webhook-id} and body. Empty while another
     * attempt of it is under way.
     */
    Optional<WebhookDelivery> resend(UUID deliveryId) {
        return claim(deliveryId, false).map(claimed -> attempt(claimed, true));
    }

    /**
     * Takes the delivery for one attempt if nobody holds it (and, for the scheduler, only if it is still due): one
     * conditional find-and-modify, so two instances never both get it.
     */
    private Optional<WebhookDelivery> claim(UUID deliveryId, boolean onlyIfDue) {
        Instant now = clock.instant();
        Criteria unclaimed = new Criteria()
                .orOperator(
                        where("claimedUntil").is(null), where("claimedUntil").lt(now));
        Criteria criteria = onlyIfDue
                ? new Criteria()
                        .andOperator(
                                where("_id").is(deliveryId),
                                unclaimed,
                                where("status").is(WebhookDelivery.Status.PENDING),
                                where("nextAttemptAt").lte(now))
                : new Criteria().andOperator(where("_id").is(deliveryId), unclaimed);
        String token = UUID.randomUUID().toString();
        return Optional.ofNullable(mongo.findAndModify(
                new Query(criteria),
                new Update()
                        .set("claimedUntil", now.plus(properties.claimTimeout()))
                        .set("claimToken", token),
                FindAndModifyOptions.options().returnNew(true),
                WebhookDelivery.class));
    }

    private WebhookDelivery attempt(WebhookDelivery delivery, boolean resend) {
        WebhookSubscription subscription = mongo.findById(delivery.subscriptionId(), WebhookSubscription.class);
        Instant now = clock.instant();
        if (subscription == null || (!subscription.enabled() && !resend)) {
            // nothing to send to any more: no attempt, no retry
            return finish(
                    delivery,
                    new Update()
                            .set("status", WebhookDelivery.Status.FAILED)
                            .set("nextAttemptAt", null)
                            .set("lastError", subscription == null ? "subscription removed" : "subscription disabled"));
        }
        WebhookClient.Outcome outcome = client.send(subscription, delivery);
        int attempts = delivery.attemptCount() + 1;
        List<WebhookDelivery.Attempt> kept =
                new ArrayList<>(delivery.attempts() == null ? List.of() : delivery.attempts());
        kept.add(new WebhookDelivery.Attempt(
                now, outcome.statusCode(), outcome.duration().toMillis(), outcome.error(), resend));
        if (kept.size() > WebhookDelivery.KEPT_ATTEMPTS) {
            kept = new ArrayList<>(kept.subList(kept.size() - WebhookDelivery.KEPT_ATTEMPTS, kept.size()));
        }
        Update update = new Update()
                .set("attemptCount", attempts)
                .set("attempts", kept)
                .set("lastAttemptAt", now)
                .set("lastError", outcome.error());
        if (outcome.delivered()) {
            update.set("status", WebhookDelivery.Status.DELIVERED).set("nextAttemptAt", null);
        } else if (outcome.gone()) {
            subscriptions.disableGone(subscription.subscriptionId(), outcome.statusCode());
            update.set("status", WebhookDelivery.Status.FAILED).set("nextAttemptAt", null);
        } else if (delivery.status() == WebhookDelivery.Status.PENDING && attempts < properties.maxAttempts()) {
            update.set("nextAttemptAt", now.plus(properties.retryAfter(attempts)));
        } else {
            // out of attempts, or a re-send of a delivery that had finished: it stays as the attempt left it
            update.set("status", WebhookDelivery.Status.FAILED).set("nextAttemptAt", null);
        }
        if (!outcome.delivered()) {
            log.info(
                    "Webhook delivery {} ({}) to subscription {} failed: {}",
                    delivery.webhookId(),
                    delivery.eventType(),
                    subscription.subscriptionId(),
                    outcome.error());
        }
        return finish(delivery, update);
    }

    /** Writes an attempt's outcome and releases the claim, under the claim token (a claim taken over is not ours). */
    private WebhookDelivery finish(WebhookDelivery claimed, Update update) {
        update.set("claimedUntil", null).set("claimToken", null);
        WebhookDelivery after = mongo.findAndModify(
                new Query(
                        where("_id").is(claimed.deliveryId()).and("claimToken").is(claimed.claimToken())),
                update,
                FindAndModifyOptions.options().returnNew(true),
                WebhookDelivery.class);
        return after != null ? after : mongo.findById(claimed.deliveryId(), WebhookDelivery.class);
    }
}
