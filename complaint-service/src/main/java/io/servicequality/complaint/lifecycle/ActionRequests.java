package io.servicequality.complaint.lifecycle;

import io.servicequality.complaint.lifecycle.ComplaintService.Action;
import io.servicequality.complaint.lifecycle.ComplaintService.Command;
import io.servicequality.contracts.ComplaintChanged.Severity;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Bodies of the lifecycle actions under {@code /api/v1/complaints/{complaintId}/…}. Each is the {@link Command} it
 * asks for: it applies itself to the complaint with the {@link Action} context (when, who, SLA context, settings).
 */
final class ActionRequests {

    private ActionRequests() {}

    /** {@code acknowledge}: an optional severity correction (triage) and note. */
    record Acknowledge(Severity severity, @Size(max = 1000) String note) implements Command {

        static final Acknowledge AS_IS = new Acknowledge(null, null);

        @Override
        public void apply(Complaint complaint, Action action) {
            complaint.acknowledge(action.now(), action.actor(), severity, note, action.sla());
        }
    }

    /** {@code assign}: to whom, optionally moving it to another department. */
    record Assign(
            @NotBlank @Size(max = 128) String assignee,
            @Size(max = 64) String department) implements Command {

        @Override
        public void apply(Complaint complaint, Action action) {
            complaint.assign(action.now(), action.actor(), assignee, department, action.sla());
        }
    }

    /** {@code hold}: why the complaint waits (for the customer). */
    record Hold(@NotBlank @Size(max = 1000) String reason) implements Command {

        @Override
        public void apply(Complaint complaint, Action action) {
            complaint.hold(action.now(), action.actor(), reason, action.sla());
        }
    }

    /** {@code resume}, {@code close}: an optional note. */
    record Note(@Size(max = 1000) String note) {

        static final Note NONE = new Note(null);

        Command resume() {
            return (complaint, action) -> complaint.resume(action.now(), action.actor(), note, action.sla());
        }

        Command close() {
            return (complaint, action) -> complaint.close(action.now(), action.actor(), note, action.sla());
        }
    }

    /** {@code escalate}: why, and optionally a higher severity. */
    record Escalate(@NotBlank @Size(max = 1000) String reason, Severity severity) implements Command {

        @Override
        public void apply(Complaint complaint, Action action) {
            complaint.escalate(action.now(), action.actor(), reason, severity, action.sla());
        }
    }

    /** {@code resolve}: the root cause and the corrective action taken. */
    record Resolve(
            @NotBlank @Size(max = 2000) String rootCause,
            @NotBlank @Size(max = 2000) String correctiveAction) implements Command {

        @Override
        public void apply(Complaint complaint, Action action) {
            complaint.resolve(
                    action.now(),
                    action.actor(),
                    rootCause,
                    correctiveAction,
                    action.lifecycle().followUpWindow(),
                    action.sla());
        }
    }

    /** {@code follow-up}: the customer's satisfaction with the resolution, 1 (very dissatisfied) to 5. */
    record FollowUp(
            @NotNull @Min(1) @Max(5) Integer satisfaction,
            @Size(max = 1000) String note) implements Command {

        @Override
        public void apply(Complaint complaint, Action action) {
            complaint.followUp(
                    action.now(),
                    action.actor(),
                    satisfaction,
                    note,
                    action.lifecycle().satisfiedFrom(),
                    action.sla());
        }
    }

    /** {@code reopen}: why. */
    record Reopen(@NotBlank @Size(max = 1000) String reason) implements Command {

        @Override
        public void apply(Complaint complaint, Action action) {
            complaint.reopen(action.now(), action.actor(), reason, action.sla());
        }
    }
}
