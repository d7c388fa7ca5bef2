package io.servicequality.complaint.lifecycle;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.Severity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * {@code POST /api/v1/complaints}. {@code occurredAt} may lie in the future by the configured clock-skew tolerance
 * ({@code sqp.clock-skew-tolerance}, 5 minutes by default), not more.
 */
record OpenComplaintRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must match [A-Za-z0-9._-]+")
        String branchId,

        @PastOrPresent(message = "must not lie in the future")
        Instant occurredAt,

        Channel channel,
        @NotNull ComplaintCategory category,
        @Size(max = 64) String subcategory,
        @NotNull Severity severity,
        @Size(max = 64) String department,
        @NotBlank @Size(max = 200) String subject,
        @Size(max = 4000) String description,
        @Size(max = 128) String customerRef) {

    ComplaintDetails details() {
        return new ComplaintDetails(
                channel, category, subcategory, severity, department, subject, description, customerRef);
    }
}
