package io.servicequality.reporting.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.web.problem.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worked examples of docs/risk.md, computed by the model; the documented default model is {@link #DOCUMENTED}. */
class RiskModelTest {

    /** The default model as docs/risk.md documents it (and application.yml configures it). */
    static final RiskModel DOCUMENTED = new RiskModel(
            7,
            new RiskModel.Likelihood(rule(30, 2, 5, 10, 15), rule(0, 1, 3, 6, 10), rule(5, 5, 10, 20, 40)),
            new RiskModel.Impact(rule(0, 50, 200, 500, 1000), rule(3, 10, 25, 50, 75)),
            List.of(
                    new GradeRule(RiskGrade.I, 15, "ADMIN", 4, List.of("Incident review")),
                    new GradeRule(RiskGrade.II, 10, "QUALITY_MANAGER", 24, List.of("Corrective action plan")),
                    new GradeRule(RiskGrade.III, 5, "BRANCH_MANAGER", 72, List.of("Cause analysis")),
                    new GradeRule(RiskGrade.IV, 1, "BRANCH_MANAGER", 168, List.of("Routine monitoring"))));

    static FactorRule rule(long minN, double... thresholds) {
        List<Double> values = new ArrayList<>();
        for (double threshold : thresholds) {
            values.add(threshold);
        }
        return new FactorRule(values, minN);
    }

    @Test
    void exampleAAQuietBranchWithTooFewComplaintsIsGradeIVAndSaysWhichFactorsLackedData() {
        // SQI 82.0 now, 81.0 before (n 400 and 430); no alert; 4 complaints opened, 1 breach; 210 responses and
        // interactions in 7 days; 2 open complaints, 1 of them HIGH
        Assessment a = DOCUMENTED.assess(new RiskInputs(82.0, 81.0, 400, 0, 4, 1, 210, 2, 1));

        assertThat(a.factors())
                .extracting(Factor::name, Factor::value, Factor::n, Factor::enoughData, Factor::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sqiDrop", -1.0, 400L, true, 1),
                        org.assertj.core.groups.Tuple.tuple("alertsRaised", 0.0, 0L, true, 1),
                        org.assertj.core.groups.Tuple.tuple("slaBreachRate", 25.0, 4L, false, 1),
                        org.assertj.core.groups.Tuple.tuple("dailyVolume", 30.0, 210L, true, 1),
                        org.assertj.core.groups.Tuple.tuple("severeOpenShare", 50.0, 2L, false, 1));
        assertThat(List.of(a.likelihood(), a.impact(), a.score())).containsExactly(1, 1, 1);
        assertThat(a.grade()).isEqualTo(RiskGrade.IV);
    }

    @Test
    void exampleBFallingSqiWithSomeBreachesAtAMidSizedBranchIsGradeII() {
        // SQI 70.0 now, 81.5 before (n 412 and 450); 2 alerts; 16 complaints opened, 2 breached; 2,170 responses and
        // interactions in 7 days; 5 open complaints, 1 of them CRITICAL
        Assessment a = DOCUMENTED.assess(new RiskInputs(70.0, 81.5, 412, 2, 16, 2, 2170, 5, 1));

        assertThat(a.factors())
                .extracting(Factor::name, Factor::value, Factor::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sqiDrop", 11.5, 4),
                        org.assertj.core.groups.Tuple.tuple("alertsRaised", 2.0, 2),
                        org.assertj.core.groups.Tuple.tuple("slaBreachRate", 12.5, 3),
                        org.assertj.core.groups.Tuple.tuple("dailyVolume", 310.0, 3),
                        org.assertj.core.groups.Tuple.tuple("severeOpenShare", 20.0, 2));
        assertThat(List.of(a.likelihood(), a.impact(), a.score())).containsExactly(4, 3, 12);
        assertThat(a.grade()).isEqualTo(RiskGrade.II);
    }

    @Test
    void exampleCEveryFactorExactlyAtItsTopThresholdIsGradeI() {
        // SQI 64 now, 80 before (drop 16, n 100); 10 alerts; 10 opened, 4 breached (40 %); 7,000 in 7 days (1,000 a
        // day); 4 open, 3 severe (75 %)
        Assessment a = DOCUMENTED.assess(new RiskInputs(64.0, 80.0, 100, 10, 10, 4, 7000, 4, 3));

        assertThat(a.factors()).extracting(Factor::level).containsExactly(5, 5, 5, 5, 5);
        assertThat(List.of(a.likelihood(), a.impact(), a.score())).containsExactly(5, 5, 25);
        assertThat(a.grade()).isEqualTo(RiskGrade.I);
    }

    @Test
    void exampleDOneAlarmingFactorIsEnoughLikelihoodIsTheMaximumNotTheMean() {
        // SQI steady (n 500), no alerts, but 9 of 20 complaints breached their SLA (45 %): likelihood 5; 600 a day
        // (level 4); no open complaint
        Assessment a = DOCUMENTED.assess(new RiskInputs(80.0, 80.0, 500, 0, 20, 9, 4200, 0, 0));

        assertThat(a.factors()).extracting(Factor::level).containsExactly(1, 1, 5, 4, 1);
        assertThat(List.of(a.likelihood(), a.impact(), a.score())).containsExactly(5, 4, 20);
        assertThat(a.grade()).isEqualTo(RiskGrade.I);
    }

    @Test
    void aBranchWithoutEarlierDataHasNoSqiDropAndSaysSo() {
        Assessment a = DOCUMENTED.assess(new RiskInputs(50.0, null, 0, 0, 0, 0, 0, 0, 0));

        Factor sqiDrop = a.factors().get(0);
        assertThat(sqiDrop.value()).isNull();
        assertThat(sqiDrop.enoughData()).isFalse();
        assertThat(sqiDrop.level()).isEqualTo(1);
        assertThat(a.factors().get(2).value())
                .as("no complaint opened: no breach rate")
                .isNull();
        assertThat(a.grade()).isEqualTo(RiskGrade.IV);
    }

    @ParameterizedTest(name = "{0} = {1} → level {2}")
    @CsvSource({
        "sqiDrop, 1.999, 1",
        "sqiDrop, 2, 2",
        "sqiDrop, 4.999, 2",
        "sqiDrop, 5, 3",
        "sqiDrop, 10, 4",
        "sqiDrop, 14.999, 4",
        "sqiDrop, 15, 5",
        "sqiDrop, -20, 1",
        "slaBreachRate, 4.999, 1",
        "slaBreachRate, 5, 2",
        "slaBreachRate, 10, 3",
        "slaBreachRate, 20, 4",
        "slaBreachRate, 40, 5",
        "dailyVolume, 49.999, 1",
        "dailyVolume, 50, 2",
        "dailyVolume, 200, 3",
        "dailyVolume, 500, 4",
        "dailyVolume, 1000, 5",
        "severeOpenShare, 9.999, 1",
        "severeOpenShare, 10, 2",
        "severeOpenShare, 25, 3",
        "severeOpenShare, 50, 4",
        "severeOpenShare, 75, 5",
        "severeOpenShare, 100, 5"
    })
    void aValueExactlyAtAThresholdTakesThatThresholdsLevel(String factor, double value, int level) {
        FactorRule rule = switch (factor) {
            case "sqiDrop" -> DOCUMENTED.likelihood().sqiDrop();
            case "slaBreachRate" -> DOCUMENTED.likelihood().slaBreachRate();
            case "dailyVolume" -> DOCUMENTED.impact().dailyVolume();
            default -> DOCUMENTED.impact().severeOpenShare();
        };
        assertThat(rule.levelOf(value, 1000)).isEqualTo(level);
    }

    @ParameterizedTest(name = "{0} alerts → level {1}")
    @CsvSource({"0, 1", "1, 2", "2, 2", "3, 3", "5, 3", "6, 4", "9, 4", "10, 5", "40, 5"})
    void alertsRaisedMapToLevelsByCount(long alerts, int level) {
        Assessment a = DOCUMENTED.assess(new RiskInputs(null, null, 0, alerts, 0, 0, 0, 0, 0));

        assertThat(a.factors().get(1).level()).isEqualTo(level);
        assertThat(a.likelihood()).isEqualTo(level);
    }

    @Test
    void theMinimumNIsInclusive() {
        FactorRule breaches = DOCUMENTED.likelihood().slaBreachRate();
        assertThat(breaches.levelOf(50.0, 5)).as("n = minN counts").isEqualTo(5);
        assertThat(breaches.levelOf(50.0, 4)).as("n below minN is level 1").isEqualTo(1);
        FactorRule sqi = DOCUMENTED.likelihood().sqiDrop();
        assertThat(sqi.levelOf(20.0, 30)).isEqualTo(5);
        assertThat(sqi.levelOf(20.0, 29)).isEqualTo(1);
    }

    @ParameterizedTest(name = "likelihood {0} × impact {1} = {2} → grade {3}")
    @CsvSource({
        "1, 1, 1, IV", "2, 2, 4, IV", "1, 4, 4, IV", "5, 1, 5, III", "1, 5, 5, III", "3, 3, 9, III", "2, 4, 8, III",
        "2, 5, 10, II", "5, 2, 10, II", "4, 3, 12, II", "3, 5, 15, I", "5, 3, 15, I", "4, 4, 16, I", "5, 5, 25, I"
    })
    void theScoreIsGradedByTheBands(int likelihood, int impact, int score, RiskGrade grade) {
        assertThat(likelihood * impact).isEqualTo(score);
        assertThat(DOCUMENTED.gradeOf(score)).isEqualTo(grade);
    }

    @Test
    void theDocumentedModelIsConsistent() {
        assertThat(DOCUMENTED.problems()).isEmpty();
    }

    @Test
    void anInconsistentModelNamesEveryWrongField() {
        RiskModel model = new RiskModel(
                0,
                new RiskModel.Likelihood(rule(30, 2, 5, 5, 15), rule(0, 1, 3, 6), null),
                new RiskModel.Impact(rule(-1, 50, 200, 500, 1000), rule(3, 75, 50, 25, 10)),
                List.of(
                        new GradeRule(RiskGrade.I, 10, "ADMIN", 4, List.of("Incident review")),
                        new GradeRule(RiskGrade.II, 15, "CEO", 0, List.of()),
                        new GradeRule(RiskGrade.IV, 5, "BRANCH_MANAGER", 72, List.of("Cause analysis")),
                        new GradeRule(RiskGrade.III, 2, "BRANCH_MANAGER", 168, List.of(" "))));

        assertThat(model.problems())
                .extracting(FieldProblem::field)
                .containsExactly(
                        "windowDays",
                        "likelihood.sqiDrop.thresholds",
                        "likelihood.alertsRaised.thresholds",
                        "likelihood.slaBreachRate",
                        "impact.dailyVolume.minN",
                        "impact.severeOpenShare.thresholds",
                        "grades[1].minScore",
                        "grades[1].ownerRole",
                        "grades[1].responseHours",
                        "grades[1].actions",
                        "grades[2].grade",
                        "grades[3].grade",
                        "grades[3].minScore",
                        "grades[3].actions");
    }

    @Test
    void gradesMustBeFourAndTheLastMustCoverScoreOne() {
        RiskModel three = new RiskModel(
                DOCUMENTED.windowDays(),
                DOCUMENTED.likelihood(),
                DOCUMENTED.impact(),
                DOCUMENTED.grades().subList(0, 3));
        assertThat(three.problems()).extracting(FieldProblem::field).containsExactly("grades");

        List<GradeRule> grades = new ArrayList<>(DOCUMENTED.grades());
        grades.set(3, new GradeRule(RiskGrade.IV, 2, "BRANCH_MANAGER", 168, List.of("Routine monitoring")));
        RiskModel gap = new RiskModel(DOCUMENTED.windowDays(), DOCUMENTED.likelihood(), DOCUMENTED.impact(), grades);
        assertThat(gap.problems()).extracting(FieldProblem::field).containsExactly("grades[3].minScore");
    }
}
