package io.servicequality.complaint.lifecycle;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.Severity;

/** What the customer complained about, as told when the complaint was opened. */
record ComplaintDetails(
        Channel channel,
        ComplaintCategory category,
        String subcategory,
        Severity severity,
        String department,
        String subject,
        String description,
        String customerRef) {

    ComplaintDetails withSeverity(Severity newSeverity) {
        return new ComplaintDetails(
                channel, category, subcategory, newSeverity, department, subject, description, customerRef);
    }

    ComplaintDetails withDepartment(String newDepartment) {
        return new ComplaintDetails(
                channel, category, subcategory, severity, newDepartment, subject, description, customerRef);
    }
}
