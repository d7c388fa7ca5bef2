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
 * @param byChannel the same blocks computed from the events of each channel, by channel name, for the channels with
 *     events in the range or complaints open now, complaints' {@code open} and {@code overdue} counting the open
 *     complaints that came through the channel (events and complaints that name no channel count only in the totals
 *     above, so the channels need not add up to them)
 */
public record Scorecard(
        Scope scope,
        Instant from,
        Instant to,
        Feedback feedback,
        Interactions interactions,
        Complaints complaints,
        Double sqi,
        List<TargetAttainment> targets,
        Map<String, ChannelScorecard> byChannel)
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
        return new Scorecard(
                scope, from, to, feedback, interactions, complaints, sqi, List.copyOf(attainments), byChannel);
    }

    /**
     * The scorecard blocks of one channel. Its complaints carry no {@code open} and {@code overdue} ({@code null}):
     * the backlog is counted per branch, not per channel.
     */
    public record ChannelScorecard(Feedback feedback, Interactions interactions, Complaints complaints, Double sqi) {}

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

    /**
     * @param importance mean importance points (0–100); {@code null} when no respondent gave any
     * @param expectationStdDev sample standard deviation (n − 1) of the expectation ratings; {@code null} when n < 2
     * @param expectationDistribution answers per value 1–7 (a rating averaged from items at the value it rounds to,
     *     halves up); {@code null} when part of the range was counted before distributions were kept
     */
    public record Dimension(
            long n,
            double expectation,
            double perception,
            double gap,
            Double importance,
            Double expectationStdDev,
            Double perceptionStdDev,
            Map<String, Long> expectationDistribution,
            Map<String, Long> perceptionDistribution) {

        /** Without standard deviations and distributions. */
        public Dimension(long n, double expectation, double perception, double gap, Double importance) {
            this(n, expectation, perception, gap, importance, null, null, null, null);
        }
    }

    /**
     * @param ci95 95 % Wilson score interval, in percent
     * @param stdDev sample standard deviation (n − 1) of the 1–5 answers; {@code null} when n < 2
     * @param distribution answers per value 1–5; {@code null} when part of the range was counted before distributions
     *     were kept
     */
    public record Csat(long n, double percent, List<Double> ci95, Double stdDev, Map<String, Long> distribution) {}

    /**
     * @param ci95 95 % adjusted-Wald interval (Rocks 2016), clamped to [−100, 100]
     * @param stdDev sample standard deviation (n − 1) of the 0–10 answers; {@code null} when n < 2 or without the
     *     distribution
     * @param distribution answers per value 0–10; {@code null} when part of the range was counted before distributions
     *     were kept
     */
    public record Nps(
            long n,
            double score,
            long promoters,
            long passives,
            long detractors,
            List<Double> ci95,
            Double stdDev,
            Map<String, Long> distribution) {}

    /**
     * @param stdDev sample standard deviation (n − 1) of the 1–7 answers; {@code null} when n < 2
     * @param distribution answers per value 1–7; {@code null} when part of the range was counted before distributions
     *     were kept
     */
    public record Ces(long n, double mean, Double stdDev, Map<String, Long> distribution) {}

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
     * @param open open now (in a channel's block: those that came through the channel)
     * @param overdue open now and past due (in a channel's block: those that came through the channel)
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
            Long open,
            Long overdue) {}
}
