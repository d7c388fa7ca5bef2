package io.servicequality.scoring.quality;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A quality target to create or replace.
 *
 * @param branchId the branch, or absent for every branch
 * @param metric e.g. {@code csat.percent}, {@code interactions.answerRate}
 */
record TargetRequest(
        @Size(max = 100) String branchId,
        @NotNull Metric metric,
        @NotNull QualityTarget.Bound bound,
        @NotNull Double value) {}
