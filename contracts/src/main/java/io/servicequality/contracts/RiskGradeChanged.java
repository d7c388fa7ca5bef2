package io.servicequality.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A branch's risk grade changed (SPEC §6 "Risk"), published by reporting-service, which assesses every branch's risk
 * by the documented model (docs/risk.md), on {@link Topics#RISK_GRADES}, keyed {@code tenantId:branchId}. Published
 * once per change, at least once on the wire with a stable {@link #eventId}: a consumer drops a copy by its id.
 *
 * @param previousGrade the grade before, {@code null} for a branch's first assessment
 * @param grade {@code I} (most severe), {@code II}, {@code III} or {@code IV}
 * @param likelihood 1–5, the highest level of the likelihood factors
 * @param impact 1–5, the highest level of the impact factors
 * @param score likelihood × impact, 1–25
 * @param factors every factor with its value, its n and the level it maps to
 * @param response what the grade requires: who, by when, what
 */
public record RiskGradeChanged(
        UUID eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        int schemaVersion,
        String previousGrade,
        String grade,
        int likelihood,
        int impact,
        int score,
        List<Factor> factors,
        Response response)
        implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /**
     * One factor of the assessment.
     *
     * @param name e.g. {@code sqiDrop}, {@code alertsRaised}, {@code slaBreachRate}, {@code dailyVolume},
     *     {@code severeOpenShare}
     * @param value the measured value in the factor's unit, {@code null} when there was no data
     * @param n how many observations the value rests on
     * @param level 1–5; 1 also when {@code n} was below the factor's minimum
     */
    public record Factor(String name, Double value, long n, int level) {}

    /**
     * The response the grade requires.
     *
     * @param ownerRole the role that owns the response, e.g. {@code QUALITY_MANAGER}
     * @param dueAt when the response is due: the change plus the grade's response time
     * @param actions what must be done
     */
    public record Response(String ownerRole, Instant dueAt, List<String> actions) {}
}
