package io.servicequality.reporting.periodicreport;

import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.Scorecard.TargetAttainment;
import io.servicequality.reporting.staff.StaffHighlights;
import java.time.Instant;
import java.util.List;

/**
 * What a periodic quality report says: the headline metrics of the period against the previous period and the same
 * period a year before, the SERVQUAL gaps with their importance, the targets, the complaints and their causes, and
 * each channel, and the staff highlights — every figure computed by the same code as the scorecard and the staff
 * views, from the same additive statistics.
 *
 * @param zone the time zone of the period's local days (the scope's)
 */
public record PeriodicReport(
        Scope scope,
        String zone,
        ReportPeriod period,
        ReportPeriod previous,
        ReportPeriod yearBefore,
        Instant generatedAt,
        List<Headline> headlines,
        List<GapRow> servqual,
        KeyDriverSummary drivers,
        List<TargetAttainment> targets,
        ComplaintSummary complaints,
        List<ChannelRow> channels,
        StaffHighlights staff,
        ActionSummary actions) {

    /**
     * What was done about quality in the period: the corrective actions (complaint-service's plan-do-check-act cycles)
     * planned and completed in it, the effectiveness checks made in it and how many found the action effective, and
     * those still open at its end (overdue: due before its end), with the actions themselves (at most {@link
     * #LISTED_ACTIONS}, those not effective now first, then by due date).
     */
    public record ActionSummary(
            long planned,
            long completed,
            long checks,
            long effectiveChecks,
            long openAtEnd,
            long overdueAtEnd,
            List<ActionRow> listed) {

        public boolean isEmpty() {
            return planned == 0 && completed == 0 && checks == 0 && openAtEnd == 0;
        }
    }

    /** Corrective actions a report lists. */
    public static final int LISTED_ACTIONS = 12;

    /**
     * One corrective action in the report.
     *
     * @param status its status now (the report is written after the period: usually what it was at the end)
     * @param lastCheck {@code EFFECTIVE} or {@code INEFFECTIVE}, the latest check up to the period's end; {@code null}
     *     without one
     * @param overdueAtEnd open at the period's end and due before it
     */
    public record ActionRow(
            String branchId,
            String title,
            String owner,
            java.time.LocalDate dueDate,
            String status,
            int cycle,
            String lastCheck,
            boolean overdueAtEnd) {}

    /** A value with its sample and, where the metric has one, its 95 % interval. */
    public record Measure(Double value, long n, Double low, Double high) {

        static final Measure NONE = new Measure(null, 0, null, null);

        boolean hasInterval() {
            return value != null && low != null && high != null;
        }
    }

    /** How a period compares with an earlier one. */
    public enum Verdict {
        /** The two 95 % intervals do not overlap. */
        SIGNIFICANT,
        /** The intervals overlap: the change may be chance. */
        NOT_SIGNIFICANT,
        /** Both have values but the metric has no interval: the change is shown without a claim. */
        NO_INTERVAL,
        /** One of the two has no data. */
        NO_DATA
    }

    /** {@code change} is current − earlier, in the metric's unit; {@code null} without data on either side. */
    public record Comparison(Double change, Verdict verdict) {

        static Comparison of(Measure current, Measure earlier) {
            if (current.value() == null || earlier.value() == null) {
                return new Comparison(null, Verdict.NO_DATA);
            }
            double change = current.value() - earlier.value();
            if (!current.hasInterval() || !earlier.hasInterval()) {
                return new Comparison(change, Verdict.NO_INTERVAL);
            }
            boolean overlap = current.low() <= earlier.high() && earlier.low() <= current.high();
            return new Comparison(change, overlap ? Verdict.NOT_SIGNIFICANT : Verdict.SIGNIFICANT);
        }
    }

    /**
     * One headline metric.
     *
     * @param metric its public name ({@code sqi}, {@code feedback.csat.percent}, …)
     */
    public record Headline(
            String metric,
            Measure current,
            Measure previous,
            Measure yearBefore,
            Comparison vsPrevious,
            Comparison vsYearBefore) {}

    /**
     * What moves CSAT in the period: the regression of CSAT on the five SERVQUAL perceptions (analysis' {@code
     * KeyDrivers}), the largest coefficient first; none below its minimum of respondents.
     *
     * @param n respondents with CSAT and all five perceptions
     * @param minN respondents the regression needs
     */
    public record KeyDriverSummary(long n, long minN, Double rSquared, List<Driver> drivers) {}

    /** {@code tValue} = coefficient / standard error; {@code significant} when |t| ≥ 1.96. */
    public record Driver(
            String dimension, double coefficient, double standardError, Double tValue, boolean significant) {}

    /** A SERVQUAL dimension of the period, the widest negative gap first. */
    public record GapRow(
            String dimension, long n, double expectation, double perception, double gap, Double importance) {}

    /**
     * Complaints of the period.
     *
     * @param open open now (when the report was generated), {@code overdue} of them past their resolution due time
     * @param causes opened complaints by category, most frequent first, with the cumulative share (the Pareto of root
     *     causes)
     */
    public record ComplaintSummary(
            long opened,
            long resolved,
            Double firstResponseCompliance,
            Double resolutionCompliance,
            long slaBreaches,
            long open,
            long overdue,
            List<Cause> causes) {}

    /** {@code share} and {@code cumulativeShare} in percent of the complaints opened. */
    public record Cause(String category, long opened, double share, double cumulativeShare) {}

    /** One channel's figures of the period. */
    public record ChannelRow(
            String channel,
            Double sqi,
            long responses,
            Double csat,
            long offered,
            Double answerRate,
            long complaints) {}
}
