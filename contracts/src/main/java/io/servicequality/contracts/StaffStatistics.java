package io.servicequality.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;

/**
 * The additive statistics of one member of staff in one bucket (SPEC §4 "People and channels"): as an agent, the
 * interactions they were offered; the feedback linked to those interactions through {@code interactionId}; as a
 * complaint handler, the complaint steps attributed to them. Every staff metric is computed from these, and any time
 * range is their sum. Absent blocks mean zero.
 *
 * @param interactions the interactions recorded with this {@code agentId}
 * @param csat CSAT answers of the feedback linked to those interactions
 * @param nps NPS answers of the feedback linked to those interactions
 * @param linkedFeedback feedback events linked to those interactions
 * @param complaints complaint steps attributed to this member of staff as handler
 */
@JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = EmptyBlocks.class)
public record StaffStatistics(
        AgentStatistics interactions,
        CsatStatistics csat,
        NpsStatistics nps,
        long linkedFeedback,
        HandlerStatistics complaints) {

    /** The handle-time standard of an ordinary interaction (SPEC §4): at most 180 s. */
    public static final int STANDARD_HANDLE_SECONDS = 180;

    /** The handle-time standard of a complex interaction (SPEC §4): at most 300 s. */
    public static final int COMPLEX_STANDARD_HANDLE_SECONDS = 300;

    public static final StaffStatistics EMPTY = new StaffStatistics(null, null, null, 0, null);

    public StaffStatistics {
        interactions = interactions == null ? AgentStatistics.EMPTY : interactions;
        csat = csat == null ? CsatStatistics.EMPTY : csat;
        nps = nps == null ? NpsStatistics.EMPTY : nps;
        complaints = complaints == null ? HandlerStatistics.EMPTY : complaints;
    }

    public StaffStatistics plus(StaffStatistics other) {
        return new StaffStatistics(
                interactions.plus(other.interactions),
                csat.plus(other.csat),
                nps.plus(other.nps),
                linkedFeedback + other.linkedFeedback,
                complaints.plus(other.complaints));
    }

    /**
     * One agent's interactions. Handle times are those of answered interactions (an answered interaction without a
     * handle time counts as 0 s, as in the branch statistics).
     *
     * @param handledWithin180Seconds answered with a handle time of at most 180 s
     * @param handledWithin300Seconds answered with a handle time of at most 300 s
     * @param handledWithinStandard answered within their own standard: at most 180 s, or 300 s when complex
     * @param complexAnswered answered interactions flagged complex
     * @param complexHandleSecondsSum handle time of those, summed
     */
    public record AgentStatistics(
            long offered,
            long answered,
            long abandoned,
            long resolvedFirstContact,
            double handleSecondsSum,
            double handleSecondsSumOfSquares,
            long complexAnswered,
            double complexHandleSecondsSum,
            long handledWithin180Seconds,
            long handledWithin300Seconds,
            long handledWithinStandard) {

        public static final AgentStatistics EMPTY = new AgentStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public AgentStatistics plus(AgentStatistics other) {
            return new AgentStatistics(
                    offered + other.offered,
                    answered + other.answered,
                    abandoned + other.abandoned,
                    resolvedFirstContact + other.resolvedFirstContact,
                    handleSecondsSum + other.handleSecondsSum,
                    handleSecondsSumOfSquares + other.handleSecondsSumOfSquares,
                    complexAnswered + other.complexAnswered,
                    complexHandleSecondsSum + other.complexHandleSecondsSum,
                    handledWithin180Seconds + other.handledWithin180Seconds,
                    handledWithin300Seconds + other.handledWithin300Seconds,
                    handledWithinStandard + other.handledWithinStandard);
        }
    }

    /**
     * One complaint handler's steps, each in the bucket of the step's time.
     *
     * @param acknowledgedWithinTarget acknowledged before the first-response due time
     * @param resolved complaints resolved (the complaints handled)
     * @param resolvedWithinTarget resolved before the resolution due time
     * @param reopened complaints reopened while assigned to this handler
     */
    public record HandlerStatistics(
            long acknowledged, long acknowledgedWithinTarget, long resolved, long resolvedWithinTarget, long reopened) {

        public static final HandlerStatistics EMPTY = new HandlerStatistics(0, 0, 0, 0, 0);

        public HandlerStatistics plus(HandlerStatistics other) {
            return new HandlerStatistics(
                    acknowledged + other.acknowledged,
                    acknowledgedWithinTarget + other.acknowledgedWithinTarget,
                    resolved + other.resolved,
                    resolvedWithinTarget + other.resolvedWithinTarget,
                    reopened + other.reopened);
        }
    }
}
