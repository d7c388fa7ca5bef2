package io.servicequality.complaint.lifecycle;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Complaints as CSV (RFC 4180: comma-separated, CRLF, fields quoted when needed). A text cell starting with
 * {@code = + - @} gets a leading apostrophe so a spreadsheet does not run it as a formula.
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
        out.print(cells.map(ComplaintCsv::cell).collect(Collectors.joining(",")));
        out.print("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Instant instant ? instant.toString() : Objects.toString(value);
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
