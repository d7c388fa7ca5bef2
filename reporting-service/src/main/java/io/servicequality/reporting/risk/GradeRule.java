package io.servicequality.reporting.risk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One grade of the model: the scores it covers and the response it requires.
 *
 * @param grade the grade
 * @param minScore the lowest likelihood × impact graded so (up to the next more severe grade's minimum)
 * @param ownerRole the staff role that owns the response (ADMIN, QUALITY_MANAGER, BRANCH_MANAGER, AGENT or VIEWER)
 * @param responseHours how long after the grade was reached the response is due
 * @param actions what the response consists of
 */
public record GradeRule(
        RiskGrade grade, Integer minScore, String ownerRole, Integer responseHours, List<String> actions) {

    public GradeRule {
        // nulls inside are kept for validation to name them
        actions = actions == null ? null : Collections.unmodifiableList(new ArrayList<>(actions));
    }
}
