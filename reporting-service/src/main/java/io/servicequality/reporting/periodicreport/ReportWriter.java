package io.servicequality.reporting.periodicreport;

import io.servicequality.reporting.scope.Scope;
import org.springframework.stereotype.Component;

/** Builds a report, writes it as HTML and PDF and archives it: the one path of a report asked for and a scheduled one. */
@Component
class ReportWriter {

    private final PeriodicReportBuilder builder;
    private final ReportRenderer renderer;
    private final ReportArchive archive;

    ReportWriter(PeriodicReportBuilder builder, ReportRenderer renderer, ReportArchive archive) {
        this.builder = builder;
        this.renderer = renderer;
        this.archive = archive;
    }

    /**
     * @param id the archive id: random for a report asked for, derived from definition and period for a scheduled one
     * @param definitionId the definition it was scheduled by, {@code null} when asked for
     * @throws org.springframework.dao.DuplicateKeyException when a report of {@code id} is archived already
     */
    ReportArchive.Archived write(
            String id,
            String tenantId,
            Scope scope,
            ReportPeriod period,
            ReportLanguage language,
            String generatedBy,
            String definitionId) {
        PeriodicReport report = builder.build(tenantId, scope, period);
        String html = renderer.html(report, language);
        byte[] pdf = renderer.pdf(html);
        ReportArchive.Archived archived = new ReportArchive.Archived(
                id,
                tenantId,
                scope.level(),
                scope.branchId(),
                scope.regionId(),
                period,
                language.tag(),
                report.zone(),
                report.generatedAt(),
                generatedBy,
                pdf.length,
                definitionId);
        archive.store(archived, html, pdf);
        return archived;
    }
}
