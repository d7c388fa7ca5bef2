package io.servicequality.reporting.complaintreport;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.complaint.ComplaintBacklog;
import io.servicequality.reporting.complaint.ComplaintBacklog.Backlog;
import io.servicequality.reporting.complaint.ComplaintBacklog.Breakdown;
import io.servicequality.reporting.complaint.ComplaintBacklog.Group;
import io.servicequality.reporting.complaint.ComplaintBacklog.OpenComplaint;
import io.servicequality.reporting.csv.Csv;
import io.servicequality.reporting.scope.ReportQuery;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.reporting.scorecard.Scorecard;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import io.servicequality.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * @param summary the scorecard's complaint block; {@code null} without complaints
     * @param openedByCategory opened in the range per category (likewise severity, department)
     * @param openComplaints open now, the earliest resolution due first; {@code overdue} marks those past it
     * @param byCategory lifecycle counts and SLA compliance of the range, and open and overdue now, per category
     *     (likewise severity, department), counted from the complaint events
     */
    record ComplaintReport(
            Scope scope,
            Instant from,
            Instant to,
            Scorecard.Complaints summary,
            Map<String, Long> openedByCategory,
            Map<String, Long> openedBySeverity,
            Map<String, Long> openedByDepartment,
            List<OpenComplaint> openComplaints,
            Map<String, Group> byCategory,
            Map<String, Group> bySeverity,
            Map<String, Group> byDepartment) {}

    @Operation(
            summary = "Complaint and SLA report of a branch, a region or the tenant",
            description = "Counts and SLA compliance of the range, first-response and resolution compliance,"
                    + " opened, resolved, open and overdue by category, severity and department, and the open"
                    + " complaints now with the overdue ones marked. format=csv answers text/csv: the open complaints,"
                    + " or with table=compliance one row per category, severity and department.")
    @GetMapping("/complaints")
    ResponseEntity<?> report(
            @Valid @ParameterObject ReportQuery query, @RequestParam(defaultValue = "open") String table) {
        if (!table.equals("open") && !table.equals("compliance")) {
            throw Problems.validationFailed("table", "must be open or compliance");
        }
        boolean csv = query.csv();
        Scope scope = scopes.resolve(query.branchId(), query.regionId(), null);
        BucketStatistics totals = buckets.total(scopes.tenantId(), scope.branchIds(), query.from(), query.to());
        Backlog open = backlog.backlog(scopes.tenantId(), scope.branchIds());
        Breakdown breakdown = backlog.breakdown(scopes.tenantId(), scope.branchIds(), query.from(), query.to());
        ComplaintReport report = new ComplaintReport(
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
                breakdown.byDepartment());
        if (!csv) {
            return ResponseEntity.ok(report);
        }
        if (table.equals("compliance")) {
            return Csv.response("complaint-compliance-" + scope.label(), complianceTable(breakdown));
        }
        List<List<?>> rows = open.complaints().stream()
                .<List<?>>map(c -> Arrays.asList(
                        c.branchId(),
                        c.number(),
                        c.complaintId(),
                        c.category(),
                        c.severity(),
                        c.department(),
                        c.resolutionDueAt(),
                        c.overdue()))
                .toList();
        return Csv.response(
                "open-complaints-" + scope.label(),
                new Csv.Table(
                        List.of(
                                "branchId",
                                "number",
                                "complaintId",
                                "category",
                                "severity",
                                "department",
                                "resolutionDueAt",
                                "overdue"),
                        rows));
    }

    private static Csv.Table complianceTable(Breakdown breakdown) {
        List<List<?>> rows = new ArrayList<>();
        Map<String, Map<String, Group>> dimensions = new LinkedHashMap<>();
        dimensions.put("category", breakdown.byCategory());
        dimensions.put("severity", breakdown.bySeverity());
        dimensions.put("department", breakdown.byDepartment());
        dimensions.forEach((dimension, groups) -> groups.forEach((name, g) -> rows.add(Arrays.asList(
                dimension,
                name,
                g.opened(),
                g.acknowledged(),
                g.acknowledgedWithinTarget(),
                g.firstResponseCompliance(),
                g.resolved(),
                g.resolvedWithinTarget(),
                g.resolutionCompliance(),
                g.slaBreaches(),
                g.open(),
                g.overdue()))));
        return new Csv.Table(
                List.of(
                        "dimension",
                        "value",
                        "opened",
                        "acknowledged",
                        "acknowledgedWithinTarget",
                        "firstResponseCompliance",
                        "resolved",
                        "resolvedWithinTarget",
                        "resolutionCompliance",
                        "slaBreaches",
                        "open",
                        "overdue"),
                rows);
    }
}
