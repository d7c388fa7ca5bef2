package io.servicequality.scoring.quality;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A quality target, e.g. answer rate at least 95 % or CSAT at least 85 %.
 *
 * @param branchId the branch it applies to, or {@code null} for every branch of the tenant
 */
@Document(collection = "qualityTargets")
record QualityTarget(
        @Id String id, String tenantId, String branchId, Metric metric, Bound bound, double value, Instant updatedAt) {

    /** Which side of {@code value} attains the target. */
    enum Bound {
        AT_LEAST,
        AT_MOST
    }

    boolean appliesTo(String branch) {
        return branchId == null || branchId.equals(branch);
    }

    /** {@code null} without data. */
    Boolean attainedBy(Observation observation) {
        if (!observation.hasData()) {
            return null;
        }
        return bound == Bound.AT_LEAST ? observation.value() >= value : observation.value() <= value;
    }
}
