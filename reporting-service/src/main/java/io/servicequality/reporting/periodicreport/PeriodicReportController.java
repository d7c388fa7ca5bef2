package io.servicequality.reporting.periodicreport;

import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(PeriodicReportController.BASE)
class PeriodicReportController {

    static final String BASE = "/api/v1/reports/periodic";

    private final PeriodicReports reports;

    PeriodicReportController(PeriodicReports reports) {
        this.reports = reports;
    }

    @Operation(
            summary = "Generate a periodic quality report now (HTML and PDF, archived)",
            description = "The week, month or quarter of a branch, a region or the tenant, in the scope's local days:"
                    + " headline metrics with n and 95 % intervals against the previous period and the same period a"
                    + " year before ('not significant' where the intervals overlap), SERVQUAL gaps with importance,"
                    + " quality targets, complaints and SLA with the Pareto of causes, and each channel — every"
                    + " figure as the scorecard computes it. Without start the last period that has ended; a period"
                    + " that has not ended is refused. en or zh-CN. ADMIN, QUALITY_MANAGER, BRANCH_MANAGER (its"
                    + " branches).")
    @PostMapping
    ResponseEntity<PeriodicReportResponse> generate(@RequestBody PeriodicReportRequest request) {
        PeriodicReportResponse created = PeriodicReportResponse.of(reports.generate(request));
        return ResponseEntity.created(URI.create(BASE + "/" + created.id())).body(created);
    }

    @Operation(summary = "The archived reports of a branch, a region or the tenant, newest first (at most 100)")
    @GetMapping
    List<PeriodicReportResponse> list(
            @RequestParam(required = false) String branchId, @RequestParam(required = false) String regionId) {
        return reports.list(branchId, regionId).stream()
                .map(PeriodicReportResponse::of)
                .toList();
    }

    @Operation(summary = "What an archived report covers")
    @GetMapping("/{id}")
    PeriodicReportResponse find(@PathVariable String id) {
        return PeriodicReportResponse.of(reports.find(id));
    }

    @Operation(summary = "An archived report as PDF (fonts embedded)")
    @GetMapping(value = "/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@PathVariable String id) {
        ReportArchive.Archived report = reports.find(id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(report.fileName() + ".pdf")
                                .build()
                                .toString())
                .body(reports.pdf(id));
    }

    @Operation(summary = "An archived report as HTML")
    @GetMapping(value = "/{id}/html", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> html(@PathVariable String id) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(reports.html(id));
    }
}
