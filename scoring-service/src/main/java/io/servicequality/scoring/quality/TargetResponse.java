package io.servicequality.scoring.quality;

import java.time.Instant;

record TargetResponse(
        String id, String branchId, Metric metric, QualityTarget.Bound bound, double value, Instant updatedAt) {

    static TargetResponse of(QualityTarget target) {
        return new TargetResponse(
                target.id(), target.branchId(), target.metric(), target.bound(), target.value(), target.updatedAt());
    }
}
