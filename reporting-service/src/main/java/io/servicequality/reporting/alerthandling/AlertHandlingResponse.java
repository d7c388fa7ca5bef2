package io.servicequality.reporting.alerthandling;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.servicequality.contracts.AlertEvent.AlertScope;
import io.servicequality.contracts.AlertEvent.Severity;
import io.servicequality.contracts.AlertHandlingChanged.HandlingStatus;
import java.time.Instant;
import java.util.List;

/**
 * An alert's handling as callers see it; {@code revision} is also the {@code ETag}. In a list {@code history} is left
 * out (read one alert's handling for it).
 *
 * @param active whether the alert still holds (raised and not cleared)
 * @param escalationLevel 0 (not escalated) to 3
 * @param escalatedTo who the level names: {@code NONE}, {@code BRANCH_MANAGER}, {@code QUALITY_MANAGER}, {@code
 *     QUALITY_DIRECTOR}
 * @param nextEscalationAt when it escalates next if nobody acknowledges it; {@code null} when it will not
 * @param correctiveActionIds complaint-service's corrective actions linked, in the order linked
 */
record AlertHandlingResponse(
        String alertId,
        String branchId,
        AlertScope scope,
        String ruleId,
        String metric,
        Severity severity,
        Instant raisedAt,
        Instant clearedAt,
        boolean active,
        HandlingStatus status,
        String assignee,
        List<String> correctiveActionIds,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String resolvedBy,
        String resolutionNote,
        int escalationLevel,
        EscalationLevel escalatedTo,
        Instant nextEscalationAt,
        long revision,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<HistoryEntry> history) {

    static AlertHandlingResponse of(AlertHandling handling) {
        return of(handling, handling.history());
    }

    static AlertHandlingResponse summaryOf(AlertHandling handling) {
        return of(handling, null);
    }

    private static AlertHandlingResponse of(AlertHandling handling, List<HistoryEntry> history) {
        return new AlertHandlingResponse(
                handling.alertId(),
                handling.branchId(),
                handling.scope(),
                handling.ruleId(),
                handling.metric(),
                handling.severity(),
                handling.raisedAt(),
                handling.clearedAt(),
                handling.clearedAt() == null,
                handling.status(),
                handling.assignee(),
                handling.correctiveActionIds(),
                handling.acknowledgedAt(),
                handling.acknowledgedBy(),
                handling.resolvedAt(),
                handling.resolvedBy(),
                handling.resolutionNote(),
                handling.escalationLevel().ordinal(),
                handling.escalationLevel(),
                handling.nextEscalationAt(),
                handling.revision(),
                history);
    }

    /** A page of the list: the records, newest raised first. */
    record Listing(List<AlertHandlingResponse> items) {}
}
