package io.servicequality.scoring.quality;

import io.servicequality.contracts.QualityTargetChanged;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A quality target, e.g. answer rate at least 95 % or CSAT at least 85 %.
 *
 * <p>The document is also the outbox of its {@link QualityTargetChanged} events: every change raises {@code revision}
 * and sets {@code unpublished}; a delete only marks it {@code removed}. {@link ConfigurationPublisher} publishes the current
 * state and then clears the flag (or, for a removed target, deletes the document), each only if the revision is
 * still the published one.
 *
 * @param branchId the branch it applies to, or {@code null} for every branch of the tenant
 * @param revision raised by every change
 * @param unpublished the outbox flag: a change not yet acknowledged by the broker
 * @param removed deleted through the API; the document goes once the removal is published
 */
@Document(collection = QualityTarget.COLLECTION)
record QualityTarget(
        @Id String id,
        String tenantId,
        String branchId,
        Metric metric,
        Bound bound,
        double value,
        Instant updatedAt,
        long revision,
        boolean unpublished,
        boolean removed)
        implements OutboxDocuments.Publishable {

    static final String COLLECTION = "qualityTargets";

    /** Which side of {@code value} attains the target. */
    enum Bound {
        AT_LEAST,
        AT_MOST
    }

    boolean appliesTo(String branch) {
        return branchId == null || branchId.equals(branch);
    }

    /** The event announcing this revision; a resend of the same revision carries the same event id. */
    QualityTargetChanged toEvent() {
        return new QualityTargetChanged(
                UUID.nameUUIDFromBytes((tenantId + "|" + id + "|" + revision).getBytes(StandardCharsets.UTF_8)),
                tenantId,
                branchId,
                updatedAt,
                QualityTargetChanged.SCHEMA_VERSION,
                id,
                metric.publicName(),
                bound.name(),
                value,
                removed);
    }

    /** {@code null} without data. */
    Boolean attainedBy(Observation observation) {
        if (!observation.hasData()) {
            return null;
        }
        return bound == Bound.AT_LEAST ? observation.value() >= value : observation.value() <= value;
    }
}
