package io.servicequality.reporting.risk;

import java.time.Instant;
import java.util.List;

/**
 * The response a grade requires of a branch, by the model's {@link GradeRule}.
 *
 * @param dueAt when the grade was reached plus {@code responseHours}
 */
public record RequiredResponse(String ownerRole, int responseHours, Instant dueAt, List<String> actions) {

    public RequiredResponse {
        actions = List.copyOf(actions);
    }

    static RequiredResponse of(GradeRule rule, Instant gradeSince) {
        return new RequiredResponse(
                rule.ownerRole(),
                rule.responseHours(),
                gradeSince.plusSeconds(3600L * rule.responseHours()),
                rule.actions());
    }
}
