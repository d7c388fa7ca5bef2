package io.servicequality.complaint.lifecycle;

import io.servicequality.contracts.ComplaintChanged.Severity;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Bodies of the lifecycle actions under {@code /api/v1/complaints/{complaintId}/…}. */
final class ActionRequests {

    private ActionRequests() {}

    /** {@code acknowledge}: an optional severity correction (triage) and note. */
    record Acknowledge(Severity severity, @Size(max = 1000) String note) {}

    /** {@code assign}: to whom, optionally moving it to another department. */
    record Assign(
            @NotBlank @Size(max = 128) String assignee,
            @Size(max = 64) String department) {}

    /** {@code hold}: why the complaint waits (for the customer). */
    record Hold(@NotBlank @Size(max = 1000) String reason) {}

    /** {@code resume}, {@code close}: an optional note. */
    record Note(@Size(max = 1000) String note) {}

    /** {@code escalate}: why, and optionally a higher severity. */
    record Escalate(@NotBlank @Size(max = 1000) String reason, Severity severity) {}

    /** {@code resolve}: the root cause and the corrective action taken. */
    record Resolve(
            @NotBlank @Size(max = 2000) String rootCause,
            @NotBlank @Size(max = 2000) String correctiveAction) {}

    /** {@code follow-up}: the customer's satisfaction with the resolution, 1 (very dissatisfied) to 5. */
    record FollowUp(
            @NotNull @Min(1) @Max(5) Integer satisfaction,
            @Size(max = 1000) String note) {}

    /** {@code reopen}: why. */
    record Reopen(@NotBlank @Size(max = 1000) String reason) {}
}
