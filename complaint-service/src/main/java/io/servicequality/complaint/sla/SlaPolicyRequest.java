package io.servicequality.complaint.sla;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code PUT /api/v1/sla-policies/{severity}}: targets in business minutes; the first response must be due no later
 * than the resolution. At most a year of business minutes each.
 */
record SlaPolicyRequest(
        @NotNull @Min(1) @Max(525_600) Long firstResponseMinutes,
        @NotNull @Min(1) @Max(525_600) Long resolutionMinutes) {

    @AssertTrue(message = "must not exceed resolutionMinutes")
    boolean isFirstResponseMinutes() {
        return firstResponseMinutes == null || resolutionMinutes == null || firstResponseMinutes <= resolutionMinutes;
    }
}
