package io.servicequality.reporting.complaintreport;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.complaint.ComplaintBacklog;
import io.servicequality.reporting.complaint.ComplaintBacklog.Backlog;
import io.servicequality.reporting.complaint.ComplaintBacklog.Breakdown;
import io.servicequality.reporting.scope.ReportQuery;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.TreeMap;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports")
class ComplaintReportController {

    private final MetricBucketReadModel buckets;
    private final ComplaintBacklog backlog;
    private final ScorecardCalculator calculator;
    private final Scopes scopes;

    ComplaintReportController(
            MetricBucketReadModel buckets, ComplaintBacklog backlog, ScorecardCalculator calculator, Scopes scopes) {
        this.buckets = buckets;
        this.backlog = backlog;
        this.calculator = calculator;
        this.scopes = scopes;
    }

    @Operation(
            summary = "Complaint and SLA report of a branch, a region or the tenant",
            description = "Counts and SLA compliance of the range, first-response and resolution compliance,"
                    + " opened, resolved, open and overdue by category, severity and department, and the open"
                    + " complaints now with the overdue ones marked. format=csv answers text/csv: the open complaints,"
                    + " or with table=compliance one row per category, severity and department.")
    @GetMapping("/complaints")
    ResponseEntity<ComplaintReport> report(
            @Valid @ParameterObject ReportQuery query, @RequestParam(defaultValue = "open") String table) {
        ComplaintReport.Table exported = ComplaintReport.Table.of(table);
        Scope scope = scopes.resolve(query.branchId(), query.regionId(), null);
        BucketStatistics totals = buckets.total(scopes.tenantId(), scope.branchIds(), query.from(), query.to());
        Backlog open = backlog.backlog(scopes.tenantId(), scope.branchIds());
        Breakdown breakdown = backlog.breakdown(scopes.tenantId(), scope.branchIds(), query.from(), query.to());
        return query.answer(new ComplaintReport(
                scope,
                query.from(),
                query.to(),
                calculator.complaints(totals.complaints(), totals.interactions(), open),
                new TreeMap<>(totals.complaints().openedByCategory()),
                new TreeMap<>(totals.complaints().openedBySeverity()),
                new TreeMap<>(totals.complaints().openedByDepartment()),
                open.complaints(),
                breakdown.byCategory(),
                breakdown.bySeverity(),
                breakdown.byDepartment(),
                exported));
    }
}
