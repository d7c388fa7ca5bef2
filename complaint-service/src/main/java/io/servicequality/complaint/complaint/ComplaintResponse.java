package io.servicequality.complaint.complaint;

import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.Severity;
import java.time.Instant;

/** A complaint as callers see it. */
record ComplaintResponse(
        String complaintId,
        String number,
        ComplaintStatus status,
        String branchId,
        ComplaintCategory category,
        String subcategory,
        Severity severity,
        String department,
        String subject,
        Instant openedAt,
        Instant firstResponseDueAt,
        Instant resolutionDueAt) {

    static ComplaintResponse of(Complaint complaint) {
        ComplaintDetails details = complaint.details();
        return new ComplaintResponse(
                complaint.id(),
                complaint.number(),
                complaint.status(),
                complaint.branchId(),
                details.category(),
                details.subcategory(),
                details.severity(),
                details.department(),
                details.subject(),
                complaint.openedAt(),
                complaint.firstResponseDueAt(),
                complaint.resolutionDueAt());
    }
}
