package io.servicequality.reporting.periodicreport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Generates each definition's report of the last period that has ended, once: the report's id is derived from the
 * definition and the period ({@link ReportDefinition#reportIdOf}), so whichever instance archives it first wins and
 * every other finds it archived (or loses the insert: {@link DuplicateKeyException}, nothing archived twice). Checked
 * every {@code sqp.reports.schedule-interval} (1 min); a period is generated within that interval of its end in the
 * scope's time zone. A failure (the store away) is retried at the next check. A report archived is then queued for
 * delivery to the definition's recipients ({@link ReportDeliveries#queue}, once per report and recipient); the archive
 * remembers that it was, so a report archived by an instance that stopped before queuing is queued at the next check.
 */
@Component
class PeriodicReportSchedule {

    private static final Logger log = LoggerFactory.getLogger(PeriodicReportSchedule.class);

    private final ReportDefinitions definitions;
    private final ReportArchive archive;
    private final ReportWriter writer;
    private final ReportDeliveries deliveries;
    private final Scopes scopes;
    private final Clock clock;
    private final Counter generated;
    private final Counter alreadyArchived;

    PeriodicReportSchedule(
            ReportDefinitions definitions,
            ReportArchive archive,
            ReportWriter writer,
            ReportDeliveries deliveries,
            Scopes scopes,
            Clock clock,
            MeterRegistry meters) {
        this.definitions = definitions;
        this.archive = archive;
        this.writer = writer;
        this.deliveries = deliveries;
        this.scopes = scopes;
        this.clock = clock;
        this.generated = Counter.builder("sqp.reports.scheduled")
                .description("scheduled periodic reports archived by this instance")
                .tag("outcome", "generated")
                .register(meters);
        this.alreadyArchived = Counter.builder("sqp.reports.scheduled")
                .description("scheduled periodic reports archived by this instance")
                .tag("outcome", "archived-by-another")
                .register(meters);
    }

    @Scheduled(
            fixedDelayString = "${sqp.reports.schedule-interval:1m}",
            initialDelayString = "${sqp.reports.schedule-interval:1m}")
    void generateDue() {
        for (ReportDefinition definition : definitions.all()) {
            try {
                generateDue(definition);
            } catch (RuntimeException failed) {
                log.warn(
                        "report {} of definition {} not generated now: {}",
                        definition.period(),
                        definition.id(),
                        failed.toString());
            }
        }
    }

    /** Generates the definition's report of the last period that has ended unless it is archived; whether it did. */
    boolean generateDue(ReportDefinition definition) {
        Scope scope =
                scopes.ofTenant(definition.tenantId(), definition.branchId(), definition.regionId(), definition.zone());
        ReportPeriod period =
                ReportPeriod.lastCompleteBefore(definition.period(), LocalDate.now(clock.withZone(scope.zone())));
        String id = definition.reportIdOf(period);
        Optional<Boolean> deliveriesQueued = archive.deliveriesQueued(id);
        if (deliveriesQueued.isPresent()) {
            if (!deliveriesQueued.get()) {
                // archived by an instance that stopped before queuing its deliveries
                queueDeliveries(definition, id);
            }
            return false;
        }
        try {
            writer.write(
                    id,
                    definition.tenantId(),
                    scope,
                    period,
                    ReportLanguage.of(definition.language()),
                    "schedule: " + definition.name(),
                    definition.id());
        } catch (DuplicateKeyException archivedByAnother) {
            alreadyArchived.increment();
            return false;
        }
        generated.increment();
        log.info("report {} {} of definition {} archived as {}", period.kind(), period.start(), definition.id(), id);
        queueDeliveries(definition, id);
        return true;
    }

    /** The report's deliveries to the definition's recipients, queued once (then sent by the delivery sender). */
    private void queueDeliveries(ReportDefinition definition, String reportId) {
        if (definition.hasRecipients()) {
            deliveries.queue(definition, reportId, clock.instant());
        }
        archive.markDeliveriesQueued(reportId);
    }
}
