package io.servicequality.reporting.staff;

import io.servicequality.contracts.StaffStatistics;
import io.servicequality.contracts.StaffStatistics.AgentStatistics;
import io.servicequality.contracts.StaffStatistics.HandlerStatistics;
import io.servicequality.reporting.ranking.Measured;
import io.servicequality.reporting.ranking.RankingMetric;
import io.servicequality.reporting.scorecard.Scorecard.Nps;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import java.util.List;
import java.util.Optional;

/**
 * A metric members of staff can be ranked by: its value, {@code n} and 95 % interval from their summed statistics
 * (proportions: Wilson; NPS: adjusted Wald; the mean handle time: normal from the sum of squares).
 */
enum StaffMetric implements RankingMetric {
    AVG_HANDLE_SECONDS("avgHandleSeconds", false),
    HANDLED_WITHIN_STANDARD("handledWithinStandardRate", true),
    HANDLED_WITHIN_3_MINUTES("handledWithin3MinutesRate", true),
    HANDLED_WITHIN_5_MINUTES("handledWithin5MinutesRate", true),
    FCR_RATE("fcrRate", true),
    ANSWER_RATE("answerRate", true),
    CSAT("csat", true),
    NPS("nps", true),
    FIRST_RESPONSE_COMPLIANCE("firstResponseCompliance", true),
    RESOLUTION_COMPLIANCE("resolutionCompliance", true),
    COMPLAINTS_RESOLVED("complaintsResolved", true);

    private final String parameter;
    private final boolean higherIsBetter;

    StaffMetric(String parameter, boolean higherIsBetter) {
        this.parameter = parameter;
        this.higherIsBetter = higherIsBetter;
    }

    @Override
    public String parameter() {
        return parameter;
    }

    @Override
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    static Optional<StaffMetric> of(String parameter) {
        return RankingMetric.named(values(), parameter);
    }

    static List<String> parameters() {
        return RankingMetric.parameters(values());
    }

    /** The value with its n and interval, or {@code null} when the statistics hold no data for it. */
    Measured measure(StaffStatistics statistics, ScorecardCalculator calculator) {
        AgentStatistics agent = statistics.interactions();
        HandlerStatistics handler = statistics.complaints();
        return switch (this) {
            case AVG_HANDLE_SECONDS ->
                Measured.mean(agent.answered(), agent.handleSecondsSum(), agent.handleSecondsSumOfSquares());
            case HANDLED_WITHIN_STANDARD -> Measured.proportion(agent.handledWithinStandard(), agent.answered());
            case HANDLED_WITHIN_3_MINUTES -> Measured.proportion(agent.handledWithin180Seconds(), agent.answered());
            case HANDLED_WITHIN_5_MINUTES -> Measured.proportion(agent.handledWithin300Seconds(), agent.answered());
            case FCR_RATE -> Measured.proportion(agent.resolvedFirstContact(), agent.answered());
            case ANSWER_RATE -> Measured.proportion(agent.answered(), agent.offered());
            case CSAT ->
                Measured.proportion(
                        statistics.csat().satisfied(), statistics.csat().n());
            case NPS -> {
                Nps nps = calculator.nps(statistics.nps());
                yield nps == null ? null : new Measured(nps.score(), nps.n(), nps.ci95());
            }
            case FIRST_RESPONSE_COMPLIANCE ->
                Measured.proportion(handler.acknowledgedWithinTarget(), handler.acknowledged());
            case RESOLUTION_COMPLIANCE -> Measured.proportion(handler.resolvedWithinTarget(), handler.resolved());
            // a count has no sampling interval: members of staff tie only when equal
            case COMPLAINTS_RESOLVED ->
                handler.resolved() == 0 ? null : new Measured(handler.resolved(), handler.resolved(), null);
        };
    }
}
