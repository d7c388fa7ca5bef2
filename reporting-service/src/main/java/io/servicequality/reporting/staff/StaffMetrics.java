package io.servicequality.reporting.staff;

import io.servicequality.contracts.StaffStatistics;
import io.servicequality.contracts.StaffStatistics.AgentStatistics;
import io.servicequality.contracts.StaffStatistics.HandlerStatistics;
import io.servicequality.reporting.scorecard.Scorecard.Csat;
import io.servicequality.reporting.scorecard.Scorecard.Nps;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import java.util.List;

/**
 * One member of staff's metrics over a period, computed from their summed statistics. A block without data is {@code
 * null}; rates are percentages (0–100).
 *
 * @param branchIds the branches (within the view's scope) the figures come from
 * @param interactions as an agent; {@code null} when offered none
 * @param feedback of the feedback linked to their interactions; {@code null} when none was linked
 * @param complaints as complaint handler; {@code null} when no complaint step was attributed to them
 */
record StaffMetrics(
        String staffId, List<String> branchIds, Interactions interactions, Feedback feedback, Complaints complaints) {

    /**
     * @param n interactions offered
     * @param answerRate answered / offered
     * @param avgHandleSeconds mean handle time of answered interactions; {@code null} when none was answered
     * @param standardHandleSeconds the standard this agent's mix is held to: 180 s per ordinary and 300 s per complex
     *     answered interaction, averaged; {@code null} when none was answered
     * @param avgHandleSecondsOrdinary mean handle time of ordinary answered interactions (standard 180 s)
     * @param avgHandleSecondsComplex mean handle time of complex answered interactions (standard 300 s)
     * @param handledWithin3MinutesRate answered with at most 180 s handle time / answered
     * @param handledWithin5MinutesRate answered with at most 300 s handle time / answered
     * @param handledWithinStandardRate answered within their own standard / answered
     * @param fcrRate resolved at first contact / answered
     */
    record Interactions(
            long n,
            long offered,
            long answered,
            long abandoned,
            double answerRate,
            Double avgHandleSeconds,
            Double standardHandleSeconds,
            Double avgHandleSecondsOrdinary,
            Double avgHandleSecondsComplex,
            long complexAnswered,
            Double handledWithin3MinutesRate,
            Double handledWithin5MinutesRate,
            Double handledWithinStandardRate,
            Double fcrRate) {}

    /**
     * @param n feedback events linked to the agent's interactions
     * @param csat with its 95 % Wilson interval, {@code null} without CSAT answers
     * @param nps with its 95 % adjusted-Wald interval, {@code null} without NPS answers
     */
    record Feedback(long n, Csat csat, Nps nps) {}

    /**
     * @param firstResponseCompliance acknowledged within target / acknowledged; {@code null} when none
     * @param resolved the complaints handled (resolved)
     * @param resolutionCompliance resolved within target / resolved; {@code null} when none
     * @param reopenRate reopenings per 100 resolutions; {@code null} when none was resolved
     */
    record Complaints(
            long acknowledged,
            Double firstResponseCompliance,
            long resolved,
            Double resolutionCompliance,
            long reopened,
            Double reopenRate) {}

    static StaffMetrics of(
            String staffId, List<String> branchIds, StaffStatistics statistics, ScorecardCalculator calculator) {
        return new StaffMetrics(
                staffId,
                branchIds,
                interactionsOf(statistics.interactions()),
                statistics.linkedFeedback() == 0
                        ? null
                        : new Feedback(
                                statistics.linkedFeedback(),
                                calculator.csat(statistics.csat()),
                                calculator.nps(statistics.nps())),
                complaintsOf(statistics.complaints()));
    }

    private static Interactions interactionsOf(AgentStatistics agent) {
        if (agent.offered() == 0) {
            return null;
        }
        long answered = agent.answered();
        long ordinary = answered - agent.complexAnswered();
        return new Interactions(
                agent.offered(),
                agent.offered(),
                answered,
                agent.abandoned(),
                percent(answered, agent.offered()),
                answered == 0 ? null : agent.handleSecondsSum() / answered,
                standardHandleSeconds(agent),
                ordinary == 0 ? null : (agent.handleSecondsSum() - agent.complexHandleSecondsSum()) / ordinary,
                agent.complexAnswered() == 0 ? null : agent.complexHandleSecondsSum() / agent.complexAnswered(),
                agent.complexAnswered(),
                rate(agent.handledWithin180Seconds(), answered),
                rate(agent.handledWithin300Seconds(), answered),
                rate(agent.handledWithinStandard(), answered),
                rate(agent.resolvedFirstContact(), answered));
    }

    /** 180 s per ordinary and 300 s per complex answered interaction, averaged; {@code null} when none. */
    static Double standardHandleSeconds(AgentStatistics agent) {
        long answered = agent.answered();
        if (answered == 0) {
            return null;
        }
        long complex = agent.complexAnswered();
        return ((double) StaffStatistics.STANDARD_HANDLE_SECONDS * (answered - complex)
                        + (double) StaffStatistics.COMPLEX_STANDARD_HANDLE_SECONDS * complex)
                / answered;
    }

    private static Complaints complaintsOf(HandlerStatistics handler) {
        if (handler.acknowledged() == 0 && handler.resolved() == 0 && handler.reopened() == 0) {
            return null;
        }
        return new Complaints(
                handler.acknowledged(),
                rate(handler.acknowledgedWithinTarget(), handler.acknowledged()),
                handler.resolved(),
                rate(handler.resolvedWithinTarget(), handler.resolved()),
                handler.reopened(),
                rate(handler.reopened(), handler.resolved()));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : percent(part, whole);
    }

    private static double percent(long part, long whole) {
        return 100.0 * part / whole;
    }
}
