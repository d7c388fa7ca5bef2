package io.servicequality.reporting.risk;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** One grade change in a branch's history; the event id is the document id, so it is recorded once. */
@Document("riskGradeChanges")
@CompoundIndex(name = "tenant_branch_time", def = "{'tenantId': 1, 'branchId': 1, 'occurredAt': -1}")
record GradeChangeRecord(
        @Id String eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        RiskGrade previousGrade,
        Assessment assessment,
        RequiredResponse response) {

    static GradeChangeRecord of(String tenantId, String branchId, GradeChange change) {
        return new GradeChangeRecord(
                change.eventId(),
                tenantId,
                branchId,
                change.occurredAt(),
                change.previousGrade(),
                change.assessment(),
                change.response());
    }
}
