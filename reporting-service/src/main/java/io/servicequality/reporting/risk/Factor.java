package io.servicequality.reporting.risk;

/**
 * One factor of an assessment, as measured.
 *
 * @param name {@code sqiDrop}, {@code alertsRaised}, {@code slaBreachRate}, {@code dailyVolume} or
 *     {@code severeOpenShare}
 * @param dimension {@code LIKELIHOOD} or {@code IMPACT}
 * @param value in the factor's unit (SQI points, alerts, percent, customers per day); {@code null} without data
 * @param n the observations the value rests on
 * @param minN the fewest the model asks for
 * @param enoughData whether the value counts; when not, the level is 1 whatever the value
 * @param level 1–5
 */
public record Factor(String name, String dimension, Double value, long n, long minN, boolean enoughData, int level) {

    static final String LIKELIHOOD = "LIKELIHOOD";
    static final String IMPACT = "IMPACT";
}
