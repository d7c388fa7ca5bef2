package io.servicequality.reporting.periodicreport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Attempts the due report deliveries. Every {@code sqp.reports.delivery.poll-interval} it reads them from the store,
 * so retries survive a restart and any instance may send them, and claims each before attempting it (one instance
 * attempts it). An attempt's outcome is logged on the delivery: delivered; failed and retried after the exponential
 * back-off of {@link ReportDeliveryProperties} until {@code max-attempts}; FAILED at once when the webhook receiver
 * answers 410 Gone, the definition was removed or the report is no longer archived.
 */
@Component
class ReportDeliverySender {

    private static final Logger log = LoggerFactory.getLogger(ReportDeliverySender.class);

    private final ReportDeliveries deliveries;
    private final ReportDefinitions definitions;
    private final ReportArchive archive;
    private final ReportMailer mailer;
    private final ReportWebhookClient webhooks;
    private final ReportDeliveryProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    ReportDeliverySender(
            ReportDeliveries deliveries,
            ReportDefinitions definitions,
            ReportArchive archive,
            ReportMailer mailer,
            ReportWebhookClient webhooks,
            ReportDeliveryProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.deliveries = deliveries;
        this.definitions = definitions;
        this.archive = archive;
        this.mailer = mailer;
        this.webhooks = webhooks;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    @Scheduled(
            fixedDelayString = "${sqp.reports.delivery.poll-interval:5s}",
            initialDelayString = "${sqp.reports.delivery.poll-interval:5s}")
    void sendDue() {
        try {
            for (ReportDelivery delivery : deliveries.due(clock.instant(), properties.batchSize())) {
                deliveries
                        .claim(delivery.id(), true, clock.instant(), properties.claimTimeout())
                        .ifPresent(claimed -> attempt(claimed, false));
            }
        } catch (DataAccessException e) {
            log.warn("report deliveries wait for the store: {}", e.toString());
        }
    }

    /** One attempt now, asked for by someone; empty while another attempt of it is under way. */
    Optional<ReportDelivery> resend(ReportDelivery delivery) {
        return deliveries
                .claim(delivery.id(), false, clock.instant(), properties.claimTimeout())
                .map(claimed -> attempt(claimed, true));
    }

    private ReportDelivery attempt(ReportDelivery delivery, boolean manual) {
        Optional<ReportDefinition> definition = definitions.find(delivery.tenantId(), delivery.definitionId());
        Optional<ReportArchive.Archived> report = archive.find(delivery.tenantId(), delivery.reportId());
        if (definition.isEmpty() || report.isEmpty()) {
            // nothing to send any more: no attempt, no retry
            return deliveries.finish(
                    delivery,
                    new Update()
                            .set("status", ReportDelivery.Status.FAILED)
                            .set("nextAttemptAt", null)
                            .set(
                                    "lastError",
                                    definition.isEmpty() ? "report definition removed" : "report no longer archived"));
        }
        Instant now = clock.instant();
        byte[] pdf = archive.pdf(delivery.tenantId(), delivery.reportId()).orElseThrow();
        DeliveryOutcome outcome = switch (delivery.channel()) {
            case EMAIL ->
                mailer.send(
                        delivery.recipient(),
                        report.get(),
                        archive.html(delivery.tenantId(), delivery.reportId()).orElseThrow(),
                        pdf);
            case WEBHOOK ->
                webhooks.send(
                        delivery, definition.get().webhookSecret(), webhooks.body(report.get(), definition.get(), pdf));
        };
        int attempts = delivery.attemptCount() + 1;
        List<ReportDelivery.Attempt> kept =
                new ArrayList<>(delivery.attempts() == null ? List.of() : delivery.attempts());
        kept.add(new ReportDelivery.Attempt(
                now, outcome.statusCode(), outcome.duration().toMillis(), outcome.error(), manual));
        if (kept.size() > ReportDelivery.KEPT_ATTEMPTS) {
            kept = new ArrayList<>(kept.subList(kept.size() - ReportDelivery.KEPT_ATTEMPTS, kept.size()));
        }
        Update update =
                new Update().set("attemptCount", attempts).set("attempts", kept).set("lastError", outcome.error());
        String result;
        if (outcome.isDelivered()) {
            update.set("status", ReportDelivery.Status.DELIVERED)
                    .set("deliveredAt", now)
                    .set("nextAttemptAt", null);
            result = "delivered";
        } else if (!outcome.giveUp()
                && delivery.status() == ReportDelivery.Status.PENDING
                && attempts < properties.maxAttempts()) {
            update.set("nextAttemptAt", now.plus(properties.backoff().after(attempts)));
            result = "retried";
        } else {
            // out of attempts, gone, or a resend of a delivery that had finished: it stays as the attempt left it
            update.set(
                            "status",
                            delivery.status() == ReportDelivery.Status.DELIVERED
                                    ? ReportDelivery.Status.DELIVERED
                                    : ReportDelivery.Status.FAILED)
                    .set("nextAttemptAt", null);
            result = "failed";
        }
        if (!outcome.isDelivered()) {
            log.info(
                    "report {} to {} {} not delivered (attempt {}): {}",
                    delivery.reportId(),
                    delivery.channel(),
                    delivery.recipient(),
                    attempts,
                    outcome.error());
        }
        Counter.builder("sqp.reports.deliveries")
                .description("attempts of report deliveries by this instance")
                .tag("channel", delivery.channel().name())
                .tag("outcome", result)
                .register(meters)
                .increment();
        return deliveries.finish(delivery, update);
    }
}
