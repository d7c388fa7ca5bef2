package io.servicequality.complaint.lifecycle;

import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.Severity;

/**
 * {@code GET /api/v1/complaints} filters; every one is optional and they combine with "and". {@code overdue=true}
 * keeps complaints with a target that is still counting and whose due time passed; {@code false} the others.
 */
record ComplaintFilter(
        ComplaintStatus status,
        Severity severity,
        ComplaintCategory category,
        String department,
        String branchId,
        Boolean overdue) {}
