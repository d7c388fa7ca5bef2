package io.servicequality.reporting.risk;

import io.servicequality.security.Role;
import io.servicequality.web.problem.FieldProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The risk model of docs/risk.md: five named factors, each mapped to a level 1–5 by its {@link FactorRule};
 * likelihood is the highest level of the likelihood factors, impact the highest of the impact factors (one alarming
 * sign is enough: an average would let two quiet factors hide a branch whose complaints mostly breach their SLA);
 * score = likelihood × impact (1–25), graded by the first {@link GradeRule} whose {@code minScore} it reaches.
 *
 * @param windowDays the local days a window spans: the current window is the last {@code windowDays} local days of the
 *     branch up to now (today included), the previous one the {@code windowDays} days before it
 * @param likelihood how likely a quality incident is
 * @param impact how much it would matter
 * @param grades I, II, III and IV in this order, with strictly descending {@code minScore}, IV's being 1
 */
public record RiskModel(Integer windowDays, Likelihood likelihood, Impact impact, List<GradeRule> grades) {

    public RiskModel {
        // nulls inside are kept for validation to name them
        grades = grades == null ? null : Collections.unmodifiableList(new ArrayList<>(grades));
    }

    /**
     * @param sqiDrop SQI points lost: the previous window's SQI minus the current one's; n = the smaller of the two
     *     windows' feedback responses + interactions offered
     * @param alertsRaised alerts raised for the branch in the current window; n = that count
     * @param slaBreachRate complaint SLA breaches in the current window per 100 complaints opened in it; n = complaints
     *     opened
     */
    public record Likelihood(FactorRule sqiDrop, FactorRule alertsRaised, FactorRule slaBreachRate) {}

    /**
     * @param dailyVolume customers affected per day: feedback responses + interactions offered in the current window,
     *     divided by its days; n = the responses + interactions
     * @param severeOpenShare open HIGH or CRITICAL complaints per 100 open complaints, now; n = open complaints
     */
    public record Impact(FactorRule dailyVolume, FactorRule severeOpenShare) {}

    /** What a factor is measured on (see {@link RiskInputs}). */
    static final String SQI_DROP = "sqiDrop";

    static final String ALERTS_RAISED = "alertsRaised";
    static final String SLA_BREACH_RATE = "slaBreachRate";
    static final String DAILY_VOLUME = "dailyVolume";
    static final String SEVERE_OPEN_SHARE = "severeOpenShare";

    /** The most a window may span. */
    static final int MAX_WINDOW_DAYS = 31;

    static final int MAX_RESPONSE_HOURS = 24 * 90;
    static final int MAX_ACTIONS = 20;
    static final int MAX_ACTION_LENGTH = 500;

    /** The assessment of the inputs: every factor's value, n and level, and the grade they come to. */
    public Assessment assess(RiskInputs inputs) {
        Double sqiDrop = inputs.sqiCurrent() == null || inputs.sqiPrevious() == null
                ? null
                : inputs.sqiPrevious() - inputs.sqiCurrent();
        List<Factor> likelihoodFactors = List.of(
                factor(SQI_DROP, Factor.LIKELIHOOD, likelihood.sqiDrop(), sqiDrop, inputs.sqiN()),
                factor(
                        ALERTS_RAISED,
                        Factor.LIKELIHOOD,
                        likelihood.alertsRaised(),
                        (double) inputs.alertsRaised(),
                        inputs.alertsRaised()),
                factor(
                        SLA_BREACH_RATE,
                        Factor.LIKELIHOOD,
                        likelihood.slaBreachRate(),
                        percent(inputs.slaBreaches(), inputs.complaintsOpened()),
                        inputs.complaintsOpened()));
        List<Factor> impactFactors = List.of(
                factor(
                        DAILY_VOLUME,
                        Factor.IMPACT,
                        impact.dailyVolume(),
                        (double) inputs.volume() / windowDays,
                        inputs.volume()),
                factor(
                        SEVERE_OPEN_SHARE,
                        Factor.IMPACT,
                        impact.severeOpenShare(),
                        percent(inputs.severeOpen(), inputs.openComplaints()),
                        inputs.openComplaints()));
        int likelihoodLevel =
                likelihoodFactors.stream().mapToInt(Factor::level).max().orElse(1);
        int impactLevel = impactFactors.stream().mapToInt(Factor::level).max().orElse(1);
        int score = likelihoodLevel * impactLevel;
        List<Factor> factors = new ArrayList<>(likelihoodFactors);
        factors.addAll(impactFactors);
        return new Assessment(likelihoodLevel, impactLevel, score, gradeOf(score), factors);
    }

    /** The grade of a score: the first of I, II, III, IV whose minimum it reaches. */
    RiskGrade gradeOf(int score) {
        for (GradeRule rule : grades) {
            if (score >= rule.minScore()) {
                return rule.grade();
            }
        }
        return RiskGrade.IV;
    }

    GradeRule ruleOf(RiskGrade grade) {
        return grades.stream().filter(rule -> rule.grade() == grade).findFirst().orElseThrow();
    }

    private static Factor factor(String name, String dimension, FactorRule rule, Double value, long n) {
        return new Factor(
                name, dimension, value, n, rule.minN(), n >= rule.minN() && value != null, rule.levelOf(value, n));
    }

    private static Double percent(long part, long whole) {
        return whole == 0 ? null : 100.0 * part / whole;
    }

    /**
     * What is wrong with this model, each naming its field ({@code likelihood.sqiDrop.thresholds},
     * {@code grades[1].minScore}); empty when it is consistent.
     */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (windowDays == null || windowDays < 1 || windowDays > MAX_WINDOW_DAYS) {
            problems.add(new FieldProblem("windowDays", "must be 1-" + MAX_WINDOW_DAYS));
        }
        if (likelihood == null) {
            problems.add(new FieldProblem("likelihood", "is required"));
        } else {
            check(problems, "likelihood." + SQI_DROP, likelihood.sqiDrop());
            check(problems, "likelihood." + ALERTS_RAISED, likelihood.alertsRaised());
            check(problems, "likelihood." + SLA_BREACH_RATE, likelihood.slaBreachRate());
        }
        if (impact == null) {
            problems.add(new FieldProblem("impact", "is required"));
        } else {
            check(problems, "impact." + DAILY_VOLUME, impact.dailyVolume());
            check(problems, "impact." + SEVERE_OPEN_SHARE, impact.severeOpenShare());
        }
        checkGrades(problems);
        return problems;
    }

    private static void check(List<FieldProblem> problems, String field, FactorRule rule) {
        if (rule == null) {
            problems.add(new FieldProblem(field, "is required"));
            return;
        }
        List<Double> thresholds = rule.thresholds();
        if (thresholds == null || thresholds.size() != 4 || thresholds.stream().anyMatch(Objects::isNull)) {
            problems.add(new FieldProblem(field + ".thresholds", "must be four numbers: where levels 2-5 begin"));
        } else {
            for (int i = 1; i < thresholds.size(); i++) {
                if (!(thresholds.get(i) > thresholds.get(i - 1))) {
                    problems.add(new FieldProblem(field + ".thresholds", "must be strictly ascending"));
                    break;
                }
            }
            if (thresholds.stream().anyMatch(value -> !Double.isFinite(value))) {
                problems.add(new FieldProblem(field + ".thresholds", "must be finite numbers"));
            }
        }
        if (rule.minN() == null || rule.minN() < 0) {
            problems.add(new FieldProblem(field + ".minN", "must be 0 or more"));
        }
    }

    private void checkGrades(List<FieldProblem> problems) {
        RiskGrade[] order = RiskGrade.values();
        if (grades == null || grades.size() != order.length || grades.stream().anyMatch(Objects::isNull)) {
            problems.add(new FieldProblem("grades", "must be the four grades I, II, III and IV, in this order"));
            return;
        }
        for (int i = 0; i < order.length; i++) {
            GradeRule rule = grades.get(i);
            String field = "grades[" + i + "]";
            if (rule.grade() != order[i]) {
                problems.add(new FieldProblem(field + ".grade", "must be " + order[i]));
            }
            if (rule.minScore() == null || rule.minScore() < 1 || rule.minScore() > 25) {
                problems.add(new FieldProblem(field + ".minScore", "must be 1-25"));
            } else if (i > 0
                    && grades.get(i - 1).minScore() != null
                    && rule.minScore() >= grades.get(i - 1).minScore()) {
                problems.add(
                        new FieldProblem(field + ".minScore", "must be below the minimum of grade " + order[i - 1]));
            } else if (i == order.length - 1 && rule.minScore() != 1) {
                problems.add(new FieldProblem(field + ".minScore", "must be 1: every score has a grade"));
            }
            if (rule.ownerRole() == null
                    || Arrays.stream(Role.values())
                            .noneMatch(role -> role.name().equals(rule.ownerRole()))) {
                problems.add(
                        new FieldProblem(field + ".ownerRole", "must be one of " + Arrays.toString(Role.values())));
            }
            if (rule.responseHours() == null || rule.responseHours() < 1 || rule.responseHours() > MAX_RESPONSE_HOURS) {
                problems.add(new FieldProblem(field + ".responseHours", "must be 1-" + MAX_RESPONSE_HOURS));
            }
            if (rule.actions() == null
                    || rule.actions().isEmpty()
                    || rule.actions().size() > MAX_ACTIONS
                    || rule.actions().stream()
                            .anyMatch(action ->
                                    action == null || action.isBlank() || action.length() > MAX_ACTION_LENGTH)) {
                problems.add(new FieldProblem(
                        field + ".actions",
                        "must be 1-" + MAX_ACTIONS + " texts of 1-" + MAX_ACTION_LENGTH + " characters"));
            }
        }
    }
}
