package io.servicequality.reporting.scorecard;

import io.servicequality.reporting.qualitytarget.QualityTargets.Target;
import io.servicequality.reporting.scorecard.Scorecard.Complaints;
import io.servicequality.reporting.scorecard.Scorecard.Feedback;
import io.servicequality.reporting.scorecard.Scorecard.Interactions;
import io.servicequality.reporting.scorecard.Scorecard.TargetAttainment;
import java.util.List;
import java.util.Set;

/**
 * Holds quality targets to a scorecard: a target's public metric name (SPEC §6, as scoring-service evaluates it) is
 * read from the scorecard field of the same meaning, with the {@code n} behind it.
 */
public final class TargetMetrics {

    /** The metric names this service can show attainment for; others are shown without an observed value. */
    public static final Set<String> SUPPORTED = Set.of(
            "csat.percent",
            "nps.score",
            "ces.mean",
            "servqual.unweighted",
            "interactions.answerRate",
            "interactions.serviceLevel",
            "interactions.abandonRate",
            "interactions.avgHandleSeconds",
            "interactions.fcrRate",
            "interactions.waitSeconds.p90",
            "complaints.opened",
            "complaints.firstResponseCompliance",
            "complaints.resolutionCompliance");

    private TargetMetrics() {}

    /** A metric's value in a scorecard ({@code null} without data) and the sample behind it. */
    public record Observation(Double value, long n) {

        static final Observation NONE = new Observation(null, 0);
    }

    /** Each target's attainment, in the order given. */
    public static List<TargetAttainment> attainments(List<Target> targets, Scorecard scorecard) {
        return targets.stream().map(target -> attainment(target, scorecard)).toList();
    }

    public static TargetAttainment attainment(Target target, Scorecard scorecard) {
        Observation observed = observe(scorecard, target.metric());
        return new TargetAttainment(
                target.targetId(),
                target.branchId(),
                target.metric(),
                target.bound(),
                target.value(),
                observed.value(),
                observed.n(),
                observed.value() == null ? null : target.attainedBy(observed.value()));
    }

    /**
     * The scorecard's value of a public metric name. {@code complaints.opened} is a count: 0 when nothing was opened,
     * as scoring-service evaluates it.
     */
    public static Observation observe(Scorecard scorecard, String metric) {
        Feedback feedback = scorecard.feedback();
        Interactions interactions = scorecard.interactions();
        Complaints complaints = scorecard.complaints();
        return switch (metric) {
            case "csat.percent" ->
                feedback.csat() == null
                        ? Observation.NONE
                        : new Observation(
                                feedback.csat().percent(), feedback.csat().n());
            case "nps.score" ->
                feedback.nps() == null
                        ? Observation.NONE
                        : new Observation(feedback.nps().score(), feedback.nps().n());
            case "ces.mean" ->
                feedback.ces() == null
                        ? Observation.NONE
                        : new Observation(feedback.ces().mean(), feedback.ces().n());
            case "servqual.unweighted" ->
                feedback.servqual() == null
                        ? Observation.NONE
                        : new Observation(
                                feedback.servqual().unweighted(),
                                feedback.servqual().dimensions().values().stream()
                                        .mapToLong(Scorecard.Dimension::n)
                                        .max()
                                        .orElse(0));
            case "interactions.answerRate" ->
                interactions == null
                        ? Observation.NONE
                        : new Observation(interactions.answerRate(), interactions.offered());
            case "interactions.serviceLevel" ->
                interactions == null
                        ? Observation.NONE
                        : new Observation(interactions.serviceLevel(), interactions.offered());
            case "interactions.abandonRate" ->
                interactions == null
                        ? Observation.NONE
                        : new Observation(interactions.abandonRate(), interactions.offered());
            case "interactions.avgHandleSeconds" ->
                interactions == null || interactions.avgHandleSeconds() == null
                        ? Observation.NONE
                        : new Observation(interactions.avgHandleSeconds(), interactions.answered());
            case "interactions.fcrRate" ->
                interactions == null || interactions.fcrRate() == null
                        ? Observation.NONE
                        : new Observation(interactions.fcrRate(), interactions.answered());
            case "interactions.waitSeconds.p90" ->
                interactions == null || interactions.waitSeconds() == null
                        ? Observation.NONE
                        : new Observation(interactions.waitSeconds().p90(), interactions.offered());
            case "complaints.opened" ->
                complaints == null
                        ? new Observation(0.0, 0)
                        : new Observation((double) complaints.opened(), complaints.opened());
            case "complaints.firstResponseCompliance" ->
                complaints == null || complaints.firstResponseCompliance() == null
                        ? Observation.NONE
                        : new Observation(complaints.firstResponseCompliance(), complaints.acknowledged());
            case "complaints.resolutionCompliance" ->
                complaints == null || complaints.resolutionCompliance() == null
                        ? Observation.NONE
                        : new Observation(complaints.resolutionCompliance(), complaints.resolved());
            default -> Observation.NONE;
        };
    }
}
