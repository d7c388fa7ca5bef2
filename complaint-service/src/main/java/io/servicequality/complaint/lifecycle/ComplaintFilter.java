package io.servicequality.complaint.lifecycle;

import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.Severity;

/**
 * {@code GET /api/v1/complaints} filters; every one is optional and they combine with "and", except {@code assignee}
 * with {@code unassigned=true}, which together ask for the assignee's complaints <em>or</em> the unassigned ones (an
 * agent's queue).
 *
 * @param overdue {@code true} keeps complaints with a target that is still counting and whose due time passed;
 *     {@code false} the others
 * @param assignee exactly this assignee
 * @param unassigned {@code true}: without an assignee (or, with {@code assignee}, that assignee's too); {@code false}:
 *     with an assignee
 * @param number exactly this complaint number
 * @param open {@code true}: not yet resolved ({@link ComplaintStatus#ACTIVE}); {@code false}: resolved or closed
 */
record ComplaintFilter(
        ComplaintStatus status,
        Severity severity,
        ComplaintCategory category,
        String department,
        String branchId,
        Boolean overdue,
        String assignee,
        Boolean unassigned,
        String number,
        Boolean open) {

    /** The same filters, but for one status (the counts by status). */
    ComplaintFilter withStatus(ComplaintStatus only) {
        return new ComplaintFilter(
                only, severity, category, department, branchId, overdue, assignee, unassigned, number, open);
    }

    /** The same filters, but only the overdue complaints (the overdue count). */
    ComplaintFilter overdueOnly() {
        return new ComplaintFilter(
                status, severity, category, department, branchId, true, assignee, unassigned, number, open);
    }
}
