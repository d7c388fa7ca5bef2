package io.servicequality.complaint.lifecycle;

import io.servicequality.complaint.calendar.BusinessCalendar;
import io.servicequality.complaint.sla.SlaTargets.Targets;
import io.servicequality.contracts.ComplaintChanged.Severity;
import java.util.function.Function;

/** What a complaint's due times are counted with: its branch's business calendar and the tenant's targets. */
record SlaContext(BusinessCalendar calendar, Function<Severity, Targets> targets) {}
