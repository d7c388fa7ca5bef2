package io.servicequality.reporting.scorecard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The scorecard response (field names are the contract, SPEC §7). Percentages and rates are 0–100, values are not
 * rounded, and a metric without data is {@code null}.
 *
 * @param sqi Service Quality Index, 0–100; {@code null} when none of its components has data
 */
record Scorecard(Scope scope, Instant from, Instant to, Feedback feedback, Complaints complaints, Double sqi) {

    record Scope(String branchId) {}

    /** @param n feedback responses in the range */
    record Feedback(long n, Servqual servqual, Csat csat, Nps nps, Ces ces) {}

    /**
     * @param dimensions only the dimensions somebody rated, by their JSON name
     * @param unweighted mean gap of those dimensions
     * @param weighted importance-weighted gap; {@code null} when every weight is zero
     */
    record Servqual(Map<String, Dimension> dimensions, double unweighted, Double weighted) {}

    /** @param importance mean importance points (0–100); {@code null} when no respondent gave any */
    record Dimension(long n, double expectation, double perception, double gap, Double importance) {}

    /** @param ci95 95 % Wilson score interval, in percent */
    record Csat(long n, double percent, List<Double> ci95) {}

    /** @param ci95 95 % adjusted-Wald interval (Rocks 2016), clamped to [−100, 100] */
    record Nps(long n, double score, long promoters, long passives, long detractors, List<Double> ci95) {}

    record Ces(long n, double mean) {}

    record Complaints(long opened) {}
}
