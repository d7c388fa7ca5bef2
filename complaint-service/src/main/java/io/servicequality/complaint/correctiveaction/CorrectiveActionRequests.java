package io.servicequality.complaint.correctiveaction;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** Bodies of {@code /api/v1/corrective-actions}. */
final class CorrectiveActionRequests {

    private CorrectiveActionRequests() {}

    /**
     * A new action: for a complaint ({@code complaintId}), or standing alone for the branch and a {@code metric}
     * (e.g. {@code answerRate}); one of the two is required.
     */
    record Plan(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must match [A-Za-z0-9._-]+")
            String branchId,

            @Size(max = 64) String complaintId,
            @Size(max = 64) String metric,
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String description,
            @NotBlank @Size(max = 128) String owner,
            @NotNull LocalDate dueDate) {

        @AssertTrue(message = "a corrective action needs a complaintId or a metric")
        boolean isComplaintId() {
            return (complaintId != null && !complaintId.isBlank()) || (metric != null && !metric.isBlank());
        }
    }

    /** A new owner and/or due date. */
    record Replan(@Size(max = 128) String owner, LocalDate dueDate) {}

    /** The effectiveness check of the current cycle. */
    record Evaluate(
            @NotNull Boolean effective, @Size(max = 2000) String note) {}
}
