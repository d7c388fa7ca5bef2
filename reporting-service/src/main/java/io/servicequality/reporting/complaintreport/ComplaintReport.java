package io.servicequality.reporting.complaintreport;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.servicequality.reporting.complaint.ComplaintBacklog.Group;
import io.servicequality.reporting.complaint.ComplaintBacklog.OpenComplaint;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.Scorecard;
import io.servicequality.web.csv.CsvExportable;
import io.servicequality.web.csv.CsvTable;
import io.servicequality.web.problem.Problems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * @param summary the scorecard's complaint block; {@code null} without complaints
 * @param openedByCategory opened in the range per category (likewise severity, department)
 * @param openComplaints open now, the earliest resolution due first; {@code overdue} marks those past it
 * @param byCategory lifecycle counts and SLA compliance of the range, and open and overdue now, per category
 *     (likewise severity, department), counted from the complaint events
 * @param exported which table the CSV answer holds (not part of the JSON answer)
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
        Map<String, Group> byDepartment,
        @JsonIgnore Table exported)
        implements CsvExportable {

    /** The tables of the CSV answer, chosen by the {@code table} parameter. */
    enum Table {
        /** The open complaints, one row each. */
        OPEN,
        /** One row per category, severity and department. */
        COMPLIANCE;

        static Table of(String parameter) {
            return switch (parameter) {
                case "open" -> OPEN;
                case "compliance" -> COMPLIANCE;
                default -> throw Problems.validationFailed("table", "must be open or compliance");
            };
        }
    }

    @Override
    public CsvTable csvTable() {
        return exported == Table.COMPLIANCE ? complianceTable() : openTable();
    }

    @Override
    public String csvFileName() {
        return (exported == Table.COMPLIANCE ? "complaint-compliance-" : "open-complaints-") + scope.label();
    }

    private CsvTable openTable() {
        List<List<?>> rows = openComplaints.stream()
                .<List<?>>map(c -> Arrays.asList(
                        c.branchId(),
                        c.number(),
                        c.complaintId(),
                        c.category(),
                        c.severity(),
                        c.department(),
                        c.channel(),
                        c.resolutionDueAt(),
                        c.overdue()))
                .toList();
        return new CsvTable(
                List.of(
                        "branchId",
                        "number",
                        "complaintId",
                        "category",
                        "severity",
                        "department",
                        "channel",
                        "resolutionDueAt",
                        "overdue"),
                rows);
    }

    private CsvTable complianceTable() {
        List<List<?>> rows = new ArrayList<>();
        Map<String, Map<String, Group>> dimensions = new LinkedHashMap<>();
        dimensions.put("category", byCategory);
        dimensions.put("severity", bySeverity);
        dimensions.put("department", byDepartment);
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
        return new CsvTable(
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
