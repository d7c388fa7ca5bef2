package io.servicequality.scoring.bucket;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.StaffStatistics;
import io.servicequality.contracts.StaffStatistics.AgentStatistics;
import io.servicequality.contracts.StaffStatistics.HandlerStatistics;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What one event adds to one member of staff's day. Only called for events {@link Contribution} accepted, so the
 * values are already validated.
 *
 * <p>Attribution: an interaction to its {@code agentId}; a linked feedback to the agent of the interaction it names;
 * a complaint step to the complaint's {@code assignee} at that step — acknowledged and resolved (with their SLA
 * compliance) to whoever held the complaint then, a reopening to whoever held it when it was reopened (the handler
 * whose resolution did not hold, since a reopened complaint keeps its assignee). Steps of an unassigned complaint, and
 * of producers that predate the field, are attributed to nobody.
 */
record StaffContribution(String staffId, Instant occurredAt, StaffStatistics statistics) {

    static Optional<StaffContribution> of(InteractionRecorded event) {
        String agent = staffIdOf(event.agentId());
        if (agent == null) {
            return Optional.empty();
        }
        boolean answered = event.answered();
        Integer handle = answered ? event.handleSeconds() : null;
        double handleSeconds = handle == null ? 0 : handle;
        boolean complex = answered && event.complex();
        int standard =
                complex ? StaffStatistics.COMPLEX_STANDARD_HANDLE_SECONDS : StaffStatistics.STANDARD_HANDLE_SECONDS;
        var interactions = new AgentStatistics(
                1,
                answered ? 1 : 0,
                event.abandoned() ? 1 : 0,
                answered && event.resolvedFirstContact() ? 1 : 0,
                handleSeconds,
                handleSeconds * handleSeconds,
                complex ? 1 : 0,
                complex ? handleSeconds : 0,
                answered && handleSeconds <= StaffStatistics.STANDARD_HANDLE_SECONDS ? 1 : 0,
                answered && handleSeconds <= StaffStatistics.COMPLEX_STANDARD_HANDLE_SECONDS ? 1 : 0,
                answered && handleSeconds <= standard ? 1 : 0);
        return Optional.of(new StaffContribution(
                agent, event.occurredAt(), new StaffStatistics(interactions, null, null, 0, null)));
    }

    /** A feedback linked to an interaction of {@code agentId}, in the bucket of the feedback's own time. */
    static StaffContribution ofLinkedFeedback(String agentId, LinkedFeedback feedback) {
        return new StaffContribution(
                agentId,
                feedback.occurredAt(),
                new StaffStatistics(
                        null, Contribution.csatOf(feedback.csat()), Contribution.npsOf(feedback.nps()), 1, null));
    }

    static Optional<StaffContribution> of(ComplaintChanged event) {
        String handler = staffIdOf(event.assignee());
        if (handler == null || event.type() == null) {
            return Optional.empty();
        }
        boolean withinTarget = Boolean.TRUE.equals(event.withinTarget());
        HandlerStatistics complaints = switch (event.type()) {
            case ACKNOWLEDGED -> new HandlerStatistics(1, withinTarget ? 1 : 0, 0, 0, 0);
            case RESOLVED -> new HandlerStatistics(0, 0, 1, withinTarget ? 1 : 0, 0);
            case REOPENED -> new HandlerStatistics(0, 0, 0, 0, 1);
            default -> null;
        };
        return complaints == null
                ? Optional.empty()
                : Optional.of(new StaffContribution(
                        handler, event.occurredAt(), new StaffStatistics(null, null, null, 0, complaints)));
    }

    /**
     * The interaction a feedback names, as the interaction's {@code eventId} in canonical form; empty when it names
     * none or names it in a form that is no event id (it can then never be linked).
     */
    static Optional<String> interactionOf(FeedbackSubmitted feedback) {
        String id = feedback.interactionId();
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id.strip()).toString());
        } catch (IllegalArgumentException notAnEventId) {
            return Optional.empty();
        }
    }

    /** The key of an interaction as a feedback names it ({@link #interactionOf}). */
    static String interactionOf(InteractionRecorded interaction) {
        return interaction.eventId().toString().toLowerCase(Locale.ROOT);
    }

    private static String staffIdOf(String id) {
        return id == null || id.isBlank() ? null : id.strip();
    }

    /** What a feedback waiting for its interaction (or linked to it) contributes: its time and the two answers. */
    record LinkedFeedback(Instant occurredAt, Integer csat, Integer nps) {

        static LinkedFeedback of(FeedbackSubmitted feedback) {
            return new LinkedFeedback(feedback.occurredAt(), feedback.csat(), feedback.nps());
        }
    }
}
