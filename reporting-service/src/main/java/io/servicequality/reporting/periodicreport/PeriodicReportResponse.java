package io.servicequality.reporting.periodicreport;

import io.servicequality.reporting.scope.Scope;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An archived report: what it covers and where its bodies are.
 *
 * @param end the day after the period's last one
 * @param definitionId the report definition it was generated for on schedule; {@code null} when asked for
 * @param pdf the PDF's address; {@code html} the HTML's
 */
record PeriodicReportResponse(
        String id,
        Scope.Level level,
        String branchId,
        String regionId,
        ReportPeriod.Kind period,
        LocalDate start,
        LocalDate end,
        String language,
        String zone,
        Instant generatedAt,
        String generatedBy,
        long pdfBytes,
        String definitionId,
        String pdf,
        String html) {

    static PeriodicReportResponse of(ReportArchive.Archived report) {
        String self = PeriodicReportController.BASE + "/" + report.id();
        return new PeriodicReportResponse(
                report.id(),
                report.level(),
                report.branchId(),
                report.regionId(),
                report.period().kind(),
                report.period().start(),
                report.period().end(),
                report.language(),
                report.zone(),
                report.generatedAt(),
                report.generatedBy(),
                report.pdfBytes(),
                report.definitionId(),
                self + "/pdf",
                self + "/html");
    }
}
