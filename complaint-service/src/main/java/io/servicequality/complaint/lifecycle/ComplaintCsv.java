package io.servicequality.complaint.lifecycle;

import io.servicequality.web.csv.CsvTable;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Complaints as CSV, streamed row by row as they are read, each row written by platform-web's {@link CsvTable} (RFC
 * 4180, formula cells defused), like every other CSV answer of the platform.
 */
final class ComplaintCsv {

    static final List<String> COLUMNS = List.of(
            "number",
            "complaintId",
            "status",
            "branchId",
            "category",
            "subcategory",
            "severity",
            "department",
            "subject",
            "assignee",
            "escalationLevel",
            "openedAt",
            "firstResponseDueAt",
            "acknowledgedAt",
            "resolutionDueAt",
            "resolvedAt",
            "closedAt",
            "firstResponseBreached",
            "resolutionBreached",
            "satisfaction",
            "rootCause",
            "correctiveAction");

    private final PrintWriter out;

    ComplaintCsv(PrintWriter out) {
        this.out = out;
    }

    void header() {
        line(COLUMNS.stream().map(Object.class::cast));
    }

    void row(Complaint complaint) {
        ComplaintDetails details = complaint.details();
        line(Stream.of(
                complaint.number(),
                complaint.id(),
                complaint.status(),
                complaint.branchId(),
                details.category(),
                details.subcategory(),
                details.severity(),
                details.department(),
                details.subject(),
                complaint.assignee(),
                complaint.escalationLevel().ordinal(),
                complaint.openedAt(),
                complaint.firstResponseDueAt(),
                complaint.acknowledgedAt(),
                complaint.resolutionDueAt(),
                complaint.resolvedAt(),
                complaint.closedAt(),
                complaint.firstResponse().breached(),
                complaint.resolution().breached(),
                complaint.satisfaction(),
                complaint.rootCause(),
                complaint.correctiveAction()));
    }

    private void line(Stream<Object> cells) {
        out.print(CsvTable.row(cells.map(ComplaintCsv::text).toList()));
    }

    /** Instants in ISO-8601; everything else as platform-web's {@link CsvTable} writes it. */
    private static Object text(Object value) {
        return value instanceof Instant instant ? instant.toString() : value;
    }
}
