package io.servicequality.complaint.lifecycle;

import io.servicequality.complaint.calendar.BusinessCalendarChanged;
import io.servicequality.complaint.sla.SlaPolicyChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Due times follow their inputs: a changed business calendar or SLA policy recomputes the affected complaints. */
@Component
class DueTimeRecomputation {

    private final ComplaintService complaints;

    DueTimeRecomputation(ComplaintService complaints) {
        this.complaints = complaints;
    }

    @EventListener
    void on(BusinessCalendarChanged changed) {
        complaints.recomputeBranch(changed.tenantId(), changed.branchId());
    }

    @EventListener
    void on(SlaPolicyChanged changed) {
        complaints.recomputeSeverity(changed.tenantId(), changed.severity());
    }
}
