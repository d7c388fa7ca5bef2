package io.servicequality.reporting.risk;

import io.servicequality.contracts.RiskGradeChanged;
import java.time.Instant;
import java.util.UUID;

/**
 * A grade change of a branch: pending in its assessment document's outbox until Kafka acknowledged it, and then (and
 * from the moment the relay takes it) in the branch's history.
 *
 * @param eventId the id of the {@code RiskGradeChanged} announcing it, the same on every publication
 * @param previousGrade {@code null} for the branch's first assessment
 */
public record GradeChange(
        String eventId, Instant occurredAt, RiskGrade previousGrade, Assessment assessment, RequiredResponse response) {

    RiskGradeChanged toEvent(String tenantId, String branchId) {
        return new RiskGradeChanged(
                UUID.fromString(eventId),
                tenantId,
                branchId,
                occurredAt,
                RiskGradeChanged.SCHEMA_VERSION,
                previousGrade == null ? null : previousGrade.name(),
                assessment.grade().name(),
                assessment.likelihood(),
                assessment.impact(),
                assessment.score(),
                assessment.factors().stream()
                        .map(factor ->
                                new RiskGradeChanged.Factor(factor.name(), factor.value(), factor.n(), factor.level()))
                        .toList(),
                new RiskGradeChanged.Response(response.ownerRole(), response.dueAt(), response.actions()));
    }
}
