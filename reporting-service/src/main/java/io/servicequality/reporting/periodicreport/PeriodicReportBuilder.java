package io.servicequality.reporting.periodicreport;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.DriverStatistics;
import io.servicequality.contracts.CorrectiveActionChanged;
import io.servicequality.reporting.analysis.KeyDrivers;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.correctiveaction.CorrectiveActionStates;
import io.servicequality.reporting.correctiveaction.CorrectiveActionStates.Action;
import io.servicequality.reporting.periodicreport.PeriodicReport.ActionRow;
import io.servicequality.reporting.periodicreport.PeriodicReport.ActionSummary;
import io.servicequality.reporting.periodicreport.PeriodicReport.Cause;
import io.servicequality.reporting.periodicreport.PeriodicReport.ChannelRow;
import io.servicequality.reporting.periodicreport.PeriodicReport.Comparison;
import io.servicequality.reporting.periodicreport.PeriodicReport.ComplaintSummary;
import io.servicequality.reporting.periodicreport.PeriodicReport.Driver;
import io.servicequality.reporting.periodicreport.PeriodicReport.GapRow;
import io.servicequality.reporting.periodicreport.PeriodicReport.Headline;
import io.servicequality.reporting.periodicreport.PeriodicReport.KeyDriverSummary;
import io.servicequality.reporting.periodicreport.PeriodicReport.Measure;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.Scorecard;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import io.servicequality.reporting.scorecard.ScorecardService;
import io.servicequality.reporting.staff.StaffReports;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Builds a {@link PeriodicReport} from three scorecards of the scope — the period, the previous one and the same
 * period a year before — so that every figure is the scorecard's own (the reference comparisons of the scorecard hold
 * for the report). Intervals: CSAT and NPS as the scorecard gives them; proportions of counts (answer rate, resolution
 * compliance) as 95 % Wilson score intervals; the CES mean as mean ± 1.96 · s / √n. SQI, SERVQUAL gap, handle time and
 * complaint counts have none, so their changes carry no significance claim.
 */
@Service
public class PeriodicReportBuilder {

    private final ScorecardService scorecards;
    private final MetricBucketReadModel buckets;
    private final Clock clock;

    private final StaffReports staff;
    private final CorrectiveActionStates actions;

    PeriodicReportBuilder(
            ScorecardService scorecards,
            MetricBucketReadModel buckets,
            StaffReports staff,
            CorrectiveActionStates actions,
            Clock clock) {
        this.scorecards = scorecards;
        this.buckets = buckets;
        this.staff = staff;
        this.actions = actions;
        this.clock = clock;
    }

    public PeriodicReport build(String tenantId, Scope scope, ReportPeriod period) {
        Scorecard current = scorecards.scorecardOf(tenantId, scope, period.from(scope.zone()), period.to(scope.zone()));
        BucketStatistics totals =
                buckets.total(tenantId, scope.branchIds(), period.from(scope.zone()), period.to(scope.zone()));
        ReportPeriod previousPeriod = period.previous();
        ReportPeriod yearBeforePeriod = period.yearBefore();
        Scorecard previous = scorecards.scorecardOf(
                tenantId, scope, previousPeriod.from(scope.zone()), previousPeriod.to(scope.zone()));
        Scorecard yearBefore = scorecards.scorecardOf(
                tenantId, scope, yearBeforePeriod.from(scope.zone()), yearBeforePeriod.to(scope.zone()));
        List<Headline> headlines = new ArrayList<>();
        for (Map.Entry<String, Function<Scorecard, Measure>> metric : HEADLINES) {
            Measure now = metric.getValue().apply(current);
            Measure before = metric.getValue().apply(previous);
            Measure aYearAgo = metric.getValue().apply(yearBefore);
            headlines.add(new Headline(
                    metric.getKey(), now, before, aYearAgo, Comparison.of(now, before), Comparison.of(now, aYearAgo)));
        }
        return new PeriodicReport(
                scope,
                scope.zone().getId(),
                period,
                previousPeriod,
                yearBeforePeriod,
                clock.instant(),
                headlines,
                gaps(current),
                drivers(totals.drivers()),
                current.targets(),
                complaints(current, pareto(totals.complaints().openedByCategory())),
                channels(current),
                staff.highlights(tenantId, scope, period.from(scope.zone()), period.to(scope.zone())),
                actions(
                        actions.of(tenantId, scope.branchIds(), period.from(scope.zone()), period.to(scope.zone())),
                        period.from(scope.zone()),
                        period.to(scope.zone()),
                        period.end()));
    }

    /**
     * The corrective actions of {@code [from, to)}: planned, completed and checked in it, open and overdue at its end
     * ({@code end}, the first day after the period, in the scope's zone), and the actions listed, open at the end
     * first, then by due date.
     */
    static ActionSummary actions(List<Action> all, Instant from, Instant to, LocalDate end) {
        long planned = 0;
        long completed = 0;
        long checks = 0;
        long effectiveChecks = 0;
        long open = 0;
        long overdue = 0;
        List<ActionRow> rows = new ArrayList<>();
        for (Action action : all) {
            boolean plannedIn =
                    !action.createdAt().isBefore(from) && action.createdAt().isBefore(to);
            boolean completedIn = action.completedAt() != null
                    && !action.completedAt().isBefore(from)
                    && action.completedAt().isBefore(to);
            boolean openAtEnd =
                    action.completedAt() == null || !action.completedAt().isBefore(to);
            boolean overdueAtEnd = openAtEnd && action.dueDay().isBefore(end);
            String lastCheck = null;
            boolean checkedIn = false;
            for (CorrectiveActionChanged.Check check : action.checks()) {
                if (check.checkedAt().isBefore(to)) {
                    lastCheck = check.effective() ? "EFFECTIVE" : "INEFFECTIVE";
                    if (!check.checkedAt().isBefore(from)) {
                        checkedIn = true;
                        checks++;
                        if (check.effective()) {
                            effectiveChecks++;
                        }
                    }
                }
            }
            planned += plannedIn ? 1 : 0;
            completed += completedIn ? 1 : 0;
            open += openAtEnd ? 1 : 0;
            overdue += overdueAtEnd ? 1 : 0;
            if (plannedIn || completedIn || checkedIn || openAtEnd) {
                rows.add(new ActionRow(
                        action.branchId(),
                        action.title(),
                        action.owner(),
                        action.dueDay(),
                        action.status(),
                        action.cycle(),
                        lastCheck,
                        overdueAtEnd));
            }
        }
        rows.sort(Comparator.comparing((ActionRow row) -> "EFFECTIVE".equals(row.status()))
                .thenComparing(ActionRow::dueDate)
                .thenComparing(ActionRow::title, Comparator.nullsLast(Comparator.naturalOrder())));
        return new ActionSummary(
                planned,
                completed,
                checks,
                effectiveChecks,
                open,
                overdue,
                List.copyOf(rows.subList(0, Math.min(PeriodicReport.LISTED_ACTIONS, rows.size()))));
    }

    private static final List<Map.Entry<String, Function<Scorecard, Measure>>> HEADLINES = List.of(
            Map.entry(
                    "sqi",
                    card -> card.sqi() == null ? Measure.NONE : new Measure(card.sqi(), sampleOf(card), null, null)),
            Map.entry("feedback.csat.percent", card -> {
                Scorecard.Csat csat = card.feedback().csat();
                return csat == null ? Measure.NONE : withInterval(csat.percent(), csat.n(), csat.ci95());
            }),
            Map.entry("feedback.nps.score", card -> {
                Scorecard.Nps nps = card.feedback().nps();
                return nps == null ? Measure.NONE : withInterval(nps.score(), nps.n(), nps.ci95());
            }),
            Map.entry("feedback.ces.mean", card -> {
                Scorecard.Ces ces = card.feedback().ces();
                if (ces == null) {
                    return Measure.NONE;
                }
                if (ces.stdDev() == null) {
                    return new Measure(ces.mean(), ces.n(), null, null);
                }
                double half = ScorecardCalculator.Z_95 * ces.stdDev() / Math.sqrt(ces.n());
                return new Measure(ces.mean(), ces.n(), ces.mean() - half, ces.mean() + half);
            }),
            Map.entry("feedback.servqual.weighted", card -> {
                Scorecard.Servqual servqual = card.feedback().servqual();
                return servqual == null || servqual.weighted() == null
                        ? Measure.NONE
                        : new Measure(servqual.weighted(), card.feedback().n(), null, null);
            }),
            Map.entry("interactions.answerRate", card -> {
                Scorecard.Interactions interactions = card.interactions();
                return interactions == null ? Measure.NONE : wilson(interactions.answered(), interactions.offered());
            }),
            Map.entry("interactions.avgHandleSeconds", card -> {
                Scorecard.Interactions interactions = card.interactions();
                return interactions == null || interactions.avgHandleSeconds() == null
                        ? Measure.NONE
                        : new Measure(interactions.avgHandleSeconds(), interactions.answered(), null, null);
            }),
            Map.entry("complaints.opened", card -> {
                Scorecard.Complaints complaints = card.complaints();
                long opened = complaints == null ? 0 : complaints.opened();
                return new Measure((double) opened, opened, null, null);
            }),
            Map.entry("complaints.resolutionCompliance", card -> {
                Scorecard.Complaints complaints = card.complaints();
                if (complaints == null || complaints.resolutionCompliance() == null) {
                    return Measure.NONE;
                }
                long within = Math.round(complaints.resolutionCompliance() * complaints.resolved() / 100.0);
                return wilson(within, complaints.resolved());
            }));

    /** Feedback responses and interactions offered: what the SQI rests on. */
    private static long sampleOf(Scorecard card) {
        return card.feedback().n()
                + (card.interactions() == null ? 0 : card.interactions().offered());
    }

    private static Measure withInterval(double value, long n, List<Double> ci95) {
        return ci95 == null || ci95.size() != 2
                ? new Measure(value, n, null, null)
                : new Measure(value, n, ci95.get(0), ci95.get(1));
    }

    /** {@code part / whole} in percent with its 95 % Wilson score interval; no data when {@code whole} is 0. */
    static Measure wilson(long part, long whole) {
        if (whole == 0) {
            return Measure.NONE;
        }
        double z = ScorecardCalculator.Z_95;
        double p = (double) part / whole;
        double z2n = z * z / whole;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z * Math.sqrt(p * (1 - p) / whole + z2n / (4.0 * whole)) / (1 + z2n);
        return new Measure(100.0 * p, whole, 100.0 * (centre - half), 100.0 * (centre + half));
    }

    private static List<GapRow> gaps(Scorecard card) {
        Scorecard.Servqual servqual = card.feedback().servqual();
        if (servqual == null) {
            return List.of();
        }
        return servqual.dimensions().entrySet().stream()
                .map(entry -> new GapRow(
                        entry.getKey(),
                        entry.getValue().n(),
                        entry.getValue().expectation(),
                        entry.getValue().perception(),
                        entry.getValue().gap(),
                        entry.getValue().importance()))
                .sorted(Comparator.comparingDouble(GapRow::gap).thenComparing(GapRow::dimension))
                .toList();
    }

    static KeyDriverSummary drivers(DriverStatistics statistics) {
        KeyDrivers.Result result = KeyDrivers.of(statistics);
        if (result.coefficients() == null) {
            return new KeyDriverSummary(result.n(), KeyDrivers.MIN_N, null, List.of());
        }
        List<Driver> drivers = result.coefficients().entrySet().stream()
                .map(entry -> new Driver(
                        entry.getKey(),
                        entry.getValue().coefficient(),
                        entry.getValue().standardError(),
                        entry.getValue().tValue(),
                        entry.getValue().tValue() != null
                                && Math.abs(entry.getValue().tValue()) >= ScorecardCalculator.Z_95))
                .sorted(Comparator.comparingDouble(Driver::coefficient)
                        .reversed()
                        .thenComparing(Driver::dimension))
                .toList();
        return new KeyDriverSummary(result.n(), KeyDrivers.MIN_N, result.rSquared(), drivers);
    }

    private static ComplaintSummary complaints(Scorecard card, List<Cause> causes) {
        Scorecard.Complaints complaints = card.complaints();
        if (complaints == null) {
            return new ComplaintSummary(0, 0, null, null, 0, 0, 0, causes);
        }
        return new ComplaintSummary(
                complaints.opened(),
                complaints.resolved(),
                complaints.firstResponseCompliance(),
                complaints.resolutionCompliance(),
                complaints.slaBreaches(),
                complaints.open() == null ? 0 : complaints.open(),
                complaints.overdue() == null ? 0 : complaints.overdue(),
                causes);
    }

    private static List<ChannelRow> channels(Scorecard card) {
        List<ChannelRow> rows = new ArrayList<>();
        card.byChannel()
                .forEach((channel, blocks) -> rows.add(new ChannelRow(
                        channel,
                        blocks.sqi(),
                        blocks.feedback().n(),
                        blocks.feedback().csat() == null
                                ? null
                                : blocks.feedback().csat().percent(),
                        blocks.interactions() == null
                                ? 0
                                : blocks.interactions().offered(),
                        blocks.interactions() == null
                                ? null
                                : blocks.interactions().answerRate(),
                        blocks.complaints() == null ? 0 : blocks.complaints().opened())));
        return rows;
    }

    /** Opened complaints by category, most first (ties by name), with each one's share and the cumulative share. */
    static List<Cause> pareto(Map<String, Long> openedByCategory) {
        long total =
                openedByCategory.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return List.of();
        }
        List<Map.Entry<String, Long>> sorted = openedByCategory.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        List<Cause> causes = new ArrayList<>();
        long cumulative = 0;
        for (Map.Entry<String, Long> entry : sorted) {
            cumulative += entry.getValue();
            causes.add(new Cause(
                    entry.getKey(), entry.getValue(), 100.0 * entry.getValue() / total, 100.0 * cumulative / total));
        }
        return causes;
    }
}
