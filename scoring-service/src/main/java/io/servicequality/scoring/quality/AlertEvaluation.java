package io.servicequality.scoring.quality;

import io.servicequality.contracts.AlertEvent.RuleKind;
import io.servicequality.contracts.BucketStatistics;
import java.time.Instant;
import java.util.List;

/**
 * Evaluates one rule for one branch over its hour statistics, without side effects. The windows end at the end of
 * the branch's latest hour with data (event time, so a replay decides as the first run did).
 */
final class AlertEvaluation {

    /** At least this many baseline hours with data before an anomaly rule judges. */
    static final int MIN_BASELINE_HOURS = 5;

    private AlertEvaluation() {}

    /**
     * What the rule sees.
     *
     * @param raise the bad state holds beyond the raising limit
     * @param clear the good state holds beyond the clearing limit (raising limit plus hysteresis)
     * @param limit the raising limit: the threshold, or the limit derived from the baseline
     * @param baseline the baseline for relative and anomaly rules
     */
    record Verdict(
            boolean raise,
            boolean clear,
            double observed,
            long n,
            Double limit,
            Double baseline,
            Instant windowFrom,
            Instant windowTo) {}

    /** One hour's statistics, in time order. */
    record Hour(Instant start, BucketStatistics statistics) {}

    /**
     * @param hours the branch's hours from the start of the baseline window to {@code windowTo}, in time order
     * @return {@code null} when there is too little data to judge (fewer than {@code minN} observations, no baseline)
     */
    static Verdict evaluate(AlertRule rule, List<Hour> hours, Instant windowTo) {
        Instant windowFrom = windowTo.minus(rule.window());
        BucketStatistics current = BucketStatistics.EMPTY;
        for (Hour hour : hours) {
            if (!hour.start().isBefore(windowFrom) && hour.start().isBefore(windowTo)) {
                current = current.plus(hour.statistics());
            }
        }
        Observation observed = rule.metric().observe(current);
        if (!observed.hasData() || observed.n() < rule.minN()) {
            return null;
        }
        double value = observed.value();
        double limit;
        double clearLimit;
        Double baseline = null;
        int bad = rule.direction() == AlertRule.Direction.BELOW ? -1 : 1;
        if (rule.kind() == RuleKind.THRESHOLD) {
            limit = rule.threshold();
            clearLimit = limit - bad * rule.hysteresis();
        } else if (rule.kind() == RuleKind.RELATIVE) {
            BucketStatistics before = BucketStatistics.EMPTY;
            for (Hour hour : hours) {
                if (hour.start().isBefore(windowFrom)
                        && !hour.start().isBefore(windowFrom.minus(rule.baselineWindow()))) {
                    before = before.plus(hour.statistics());
                }
            }
            Observation base = rule.metric().observe(before);
            if (!base.hasData() || base.n() < rule.minN()) {
                return null;
            }
            baseline = base.value();
            limit = baseline + bad * Math.abs(baseline) * rule.relativePercent() / 100.0;
            clearLimit = limit - bad * rule.hysteresis();
        } else {
            double mean = 0;
            double variance = 0;
            int points = 0;
            double alpha = rule.ewmaAlpha();
            for (Hour hour : hours) {
                if (!hour.start().isBefore(windowFrom)) {
                    continue;
                }
                Observation point = rule.metric().observe(hour.statistics());
                if (!point.hasData()) {
                    continue;
                }
                if (points == 0) {
                    mean = point.value();
                } else {
                    double deviation = point.value() - mean;
                    mean += alpha * deviation;
                    variance = (1 - alpha) * (variance + alpha * deviation * deviation);
                }
                points++;
            }
            if (points < MIN_BASELINE_HOURS) {
                return null;
            }
            double sigma = Math.sqrt(variance);
            baseline = mean;
            limit = mean + bad * rule.k() * sigma;
            clearLimit = mean + bad * Math.max(0, rule.k() - rule.hysteresis()) * sigma;
        }
        boolean raise = bad < 0 ? value < limit : value > limit;
        boolean clear = bad < 0 ? value >= clearLimit : value <= clearLimit;
        return new Verdict(raise, clear, value, observed.n(), limit, baseline, windowFrom, windowTo);
    }
}
