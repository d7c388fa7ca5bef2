package io.servicequality.reporting.risk;

import io.servicequality.reporting.scope.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The register's responses. */
final class RiskViews {

    private RiskViews() {}

    /**
     * A branch's current assessment.
     *
     * @param gradeSince when the branch reached this grade
     * @param assessedAt when these figures were computed
     */
    record BranchRiskView(
            String branchId,
            RiskGrade grade,
            int likelihood,
            int impact,
            int score,
            Instant gradeSince,
            Instant assessedAt,
            List<Factor> factors,
            RequiredResponse response) {

        static BranchRiskView of(BranchRisk risk) {
            Assessment assessment = risk.assessment();
            return new BranchRiskView(
                    risk.branchId(),
                    assessment.grade(),
                    assessment.likelihood(),
                    assessment.impact(),
                    assessment.score(),
                    risk.gradeSince(),
                    risk.assessedAt(),
                    assessment.factors(),
                    risk.response());
        }
    }

    /** The register of a scope: its assessed branches, most severe first (score, then branch id). */
    record RegisterView(Scope scope, List<BranchRiskView> branches) {}

    /**
     * One cell of the likelihood × impact matrix.
     *
     * @param grade the grade of the cell's score under the tenant's model
     * @param branches the branches assessed into the cell, by id
     */
    record Cell(int likelihood, int impact, int score, RiskGrade grade, int count, List<String> branches) {}

    /**
     * The 5 × 5 matrix: every cell, likelihood 5 down to 1, within it impact 1 to 5.
     *
     * @param byGrade branches per grade
     */
    record MatrixView(Scope scope, List<Cell> cells, Map<RiskGrade, Long> byGrade) {}

    /** A grade change of a branch. */
    record GradeChangeView(
            String eventId,
            Instant occurredAt,
            RiskGrade previousGrade,
            RiskGrade grade,
            int likelihood,
            int impact,
            int score,
            List<Factor> factors,
            RequiredResponse response) {

        static GradeChangeView of(GradeChangeRecord change) {
            Assessment assessment = change.assessment();
            return new GradeChangeView(
                    change.eventId(),
                    change.occurredAt(),
                    change.previousGrade(),
                    assessment.grade(),
                    assessment.likelihood(),
                    assessment.impact(),
                    assessment.score(),
                    assessment.factors(),
                    change.response());
        }
    }

    /**
     * A branch's history.
     *
     * @param current its assessment now, {@code null} when it has none yet
     * @param changes its grade changes, newest first
     */
    record HistoryView(String branchId, BranchRiskView current, List<GradeChangeView> changes) {}

    /**
     * The model a tenant's branches are assessed by.
     *
     * @param source {@code DEFAULT} (the configured one) or {@code TENANT} (stored by the tenant)
     * @param changedAt when the tenant stored it; {@code null} for the default
     */
    record ModelView(
            String source,
            Instant changedAt,
            Integer windowDays,
            RiskModel.Likelihood likelihood,
            RiskModel.Impact impact,
            List<GradeRule> grades) {

        static ModelView of(RiskModels.Effective effective) {
            RiskModel model = effective.model();
            return new ModelView(
                    effective.ownModel() ? "TENANT" : "DEFAULT",
                    effective.changedAt(),
                    model.windowDays(),
                    model.likelihood(),
                    model.impact(),
                    model.grades());
        }
    }
}
