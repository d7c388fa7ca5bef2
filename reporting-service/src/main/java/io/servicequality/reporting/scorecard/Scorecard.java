package io.servicequality.reporting.scorecard;

import io.servicequality.reporting.scope.Scope;
import io.servicequality.web.csv.CsvExportable;
import io.servicequality.web.csv.CsvTable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The scorecard response (field names are the contract, SPEC §7). Percentages and rates are 0–100, values are not
 * rounded, and a metric or block without data is {@code null}.
 *
 * @param interactions {@code null} when nothing was offered in the range
 * @param complaints {@code null} when no complaint event fell in the range and none is open
 * @param sqi Service Quality Index, 0–100; {@code null} when none of its components has data
 * @param targets attainment of the quality targets that apply: a branch's own and the tenant-wide ones it does not
 *     override; for a region or the tenant the tenant-wide ones, held to the summed figures
 */
public record Scorecard(
        Scope scope,
        Instant from,
        Instant to,
        Feedback feedback,
        Interactions interactions,
        Complaints complaints,
        Double sqi,
        List<TargetAttainment> targets)
        implements CsvExportable {

    /** One {@code field,value} row per metric, with dotted paths ({@code feedback.csat.ci95.0}). */
    @Override
    public CsvTable csvTable() {
        return CsvTable.flattened(this);
    }

    @Override
    public String csvFileName() {
        return "scorecard-" + scope.label();
    }

    /** This scorecard with the attainment of {@code attainments}. */
    public Scorecard withTargets(List<TargetAttainment> attainments) {
        return new Scorecard(scope, from, to, feedback, interactions, complaints, sqi, List.copyOf(attainments));
    }

    /**
     * One quality target held to this scorecard's figures.
     *
     * @param branchId the branch the target was set for; {@code null} for a tenant-wide target
     * @param observed the metric's value in the range ({@code null} without data)
     * @param n the sample behind {@code observed} (e.g. CSAT responses, interactions offered, complaints resolved)
     * @param attained whether {@code observed} is on the target's side of {@code value}; {@code null} without data
     */
    public record TargetAttainment(
            String targetId,
            String branchId,
            String metric,
            String bound,
            double value,
            Double observed,
            long n,
            Boolean attained) {}

    /** @param n feedback responses in the range */
    public record Feedback(long n, Servqual servqual, Csat csat, Nps nps, Ces ces) {}

    /**
     * @param dimensions only the dimensions somebody rated, by their JSON name
     * @param unweighted mean gap of those dimensions
     * @param weighted importance-weighted gap; {@code null} when every weight is zero
     */
    public record Servqual(Map<String, Dimension> dimensions, double unweighted, Double weighted) {}

    /** @param importance mean importance points (0–100); {@code null} when no respondent gave any */
    public record Dimension(long n, double expectation, double perception, double gap, Double importance) {}

    /** @param ci95 95 % Wilson score interval, in percent */
    public record Csat(long n, double percent, List<Double> ci95) {}

    /** @param ci95 95 % adjusted-Wald interval (Rocks 2016), clamped to [−100, 100] */
    public record Nps(long n, double score, long promoters, long passives, long detractors, List<Double> ci95) {}

    public record Ces(long n, double mean) {}

    /**
     * SPEC §4 "Interactions"; rates in percent of {@code offered} (FCR: of answered).
     *
     * @param n interactions offered (the same as {@code offered})
     * @param avgHandleSeconds mean handle time of answered interactions; {@code null} when none was answered
     * @param avgHandleSecondsComplex the same for those flagged complex (standard ≤ 300 s instead of 180 s)
     * @param waitSeconds percentiles of the wait of all offered interactions
     * @param handleSeconds percentiles of the handle time of answered ones
     */
    public record Interactions(
            long n,
            long offered,
            long answered,
            double answerRate,
            double serviceLevel,
            double abandonRate,
            Double avgHandleSeconds,
            Double avgHandleSecondsComplex,
            Double fcrRate,
            Percentiles waitSeconds,
            Percentiles handleSeconds) {}

    /** Nearest-rank percentiles from the merged histograms; {@code null} without data. */
    public record Percentiles(Double p50, Double p90, Double p99) {}

    /**
     * SPEC §4 "Complaints"; counts of lifecycle events in the range, compliance in percent, {@code open} and
     * {@code overdue} now (point in time, whatever the range).
     *
     * @param ratePer1000Interactions opened per 1,000 interactions offered; {@code null} without interactions
     * @param firstResponseCompliance acknowledged before due / acknowledged; {@code null} when none was
     * @param resolutionCompliance resolved before due / resolved; {@code null} when none was
     * @param reopenRate reopened / resolved, in percent
     */
    public record Complaints(
            long opened,
            long acknowledged,
            long resolved,
            long closed,
            long reopened,
            Double ratePer1000Interactions,
            Double firstResponseCompliance,
            Double resolutionCompliance,
            Double meanBusinessHoursToResolve,
            Double p90BusinessHoursToResolve,
            Double reopenRate,
            long slaWarnings,
            long slaBreaches,
            long open,
            long overdue) {}
}
