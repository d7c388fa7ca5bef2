package io.servicequality.reporting.staff;

import io.servicequality.contracts.StaffStatistics;
import io.servicequality.reporting.ranking.Measured;
import io.servicequality.reporting.ranking.TieGroups;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import io.servicequality.reporting.staff.StaffBuckets.Totals;
import io.servicequality.reporting.staff.TrainingNeeds.Need;
import io.servicequality.reporting.staff.TrainingNeeds.StaffNeeds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The staff views. Who sees whom: the scope's branches as {@link Scopes} resolves them (a branch manager: their
 * branches), and an agent only themselves ({@link Scopes#visibleStaff}): their staff id is their token's subject
 * ({@code sub}), the same id the interactions name as {@code agentId} and complaints as assignee.
 */
@Service
public class StaffReports {

    /** Members of staff a report names per list (best, weakest). */
    public static final int HIGHLIGHTED = 3;

    /** Members of staff with training needs a report names. */
    public static final int HIGHLIGHTED_NEEDS = 5;

    private final StaffBuckets buckets;
    private final Scopes scopes;
    private final ScorecardCalculator calculator;
    private final StaffProperties properties;

    StaffReports(StaffBuckets buckets, Scopes scopes, ScorecardCalculator calculator, StaffProperties properties) {
        this.buckets = buckets;
        this.scopes = scopes;
        this.calculator = calculator;
        this.properties = properties;
    }

    long defaultMinN() {
        return properties.minN();
    }

    StaffReport report(Scope scope, String staffId, Instant from, Instant to) {
        List<StaffMetrics> staff = new ArrayList<>();
        totals(scope, staffId, from, to)
                .forEach((id, totals) -> staff.add(
                        StaffMetrics.of(id, List.copyOf(totals.branchIds()), totals.statistics(), calculator)));
        return new StaffReport(
                scope,
                from,
                to,
                StaffStatistics.STANDARD_HANDLE_SECONDS,
                StaffStatistics.COMPLEX_STANDARD_HANDLE_SECONDS,
                staff);
    }

    StaffRanking rank(Scope scope, StaffMetric metric, Instant from, Instant to, long minN) {
        return rank(totals(scope, null, from, to), scope, metric, from, to, minN);
    }

    /**
     * A report's view of the scope's staff, with the whole tenant's view (a scheduled report has no caller): the best
     * and weakest by CSAT and FCR at the configured minimum n, and the training needs.
     */
    public StaffHighlights highlights(String tenantId, Scope scope, Instant from, Instant to) {
        Map<String, Totals> totals = buckets.totalsByStaff(tenantId, scope.branchIds(), null, from, to);
        long minN = properties.minN();
        StaffRanking csat = rank(totals, scope, StaffMetric.CSAT, from, to, minN);
        StaffRanking fcr = rank(totals, scope, StaffMetric.FCR_RATE, from, to, minN);
        List<StaffHighlights.NeedsOf> needs = new ArrayList<>();
        totals.forEach((id, total) -> {
            List<Need> found = needsOf(total.statistics(), minN, properties);
            if (!found.isEmpty()) {
                needs.add(new StaffHighlights.NeedsOf(
                        id, found.stream().map(Need::metric).toList()));
            }
        });
        needs.sort(Comparator.comparingInt(
                        (StaffHighlights.NeedsOf member) -> member.metrics().size())
                .reversed()
                .thenComparing(StaffHighlights.NeedsOf::staffId));
        return new StaffHighlights(
                minN,
                totals.size(),
                best(csat.entries()),
                weakest(csat.entries()),
                best(fcr.entries()),
                weakest(fcr.entries()),
                List.copyOf(needs.subList(0, Math.min(HIGHLIGHTED_NEEDS, needs.size()))),
                needs.size());
    }

    private static List<StaffHighlights.Ranked> best(List<StaffRanking.Entry> ranked) {
        return ranked.subList(0, Math.min(HIGHLIGHTED, ranked.size())).stream()
                .map(StaffReports::highlighted)
                .toList();
    }

    /** The last ones, weakest first, none of them among the best. */
    private static List<StaffHighlights.Ranked> weakest(List<StaffRanking.Entry> ranked) {
        int best = Math.min(HIGHLIGHTED, ranked.size());
        List<StaffHighlights.Ranked> weakest = new ArrayList<>();
        for (int i = ranked.size() - 1; i >= best && weakest.size() < HIGHLIGHTED; i--) {
            weakest.add(highlighted(ranked.get(i)));
        }
        return List.copyOf(weakest);
    }

    private static StaffHighlights.Ranked highlighted(StaffRanking.Entry entry) {
        return new StaffHighlights.Ranked(
                entry.rank(),
                entry.staffId(),
                entry.value(),
                entry.n(),
                entry.ci95().get(0),
                entry.ci95().get(1));
    }

    private StaffRanking rank(
            Map<String, Totals> totals, Scope scope, StaffMetric metric, Instant from, Instant to, long minN) {
        Map<String, Measured> measured = new LinkedHashMap<>();
        totals.forEach((id, total) -> measured.put(id, metric.measure(total.statistics(), calculator)));
        TieGroups.Placement placement = TieGroups.place(measured, metric.higherIsBetter(), minN);
        return new StaffRanking(
                scope,
                from,
                to,
                metric.parameter(),
                metric.higherIsBetter(),
                minN,
                placement.ranked().stream()
                        .map(placed -> new StaffRanking.Entry(
                                placed.rank(),
                                placed.tieGroup(),
                                placed.id(),
                                placed.measured().value(),
                                placed.measured().n(),
                                placed.measured().ci95()))
                        .toList(),
                placement.excluded().stream()
                        .map(below -> new StaffRanking.Excluded(below.id(), below.n()))
                        .toList());
    }

    /**
     * Below standard on at least {@code minN} observations: mean handle time above the standard of the agent's mix;
     * FCR, CSAT, first-response or resolution SLA compliance below the configured thresholds.
     */
    TrainingNeeds trainingNeeds(Scope scope, Instant from, Instant to, long minN) {
        List<StaffNeeds> staff = new ArrayList<>();
        totals(scope, null, from, to).forEach((id, totals) -> {
            List<Need> needs = needsOf(totals.statistics(), minN, properties);
            if (!needs.isEmpty()) {
                staff.add(new StaffNeeds(id, List.copyOf(totals.branchIds()), needs));
            }
        });
        staff.sort(Comparator.comparingInt((StaffNeeds member) -> member.needs().size())
                .reversed()
                .thenComparing(StaffNeeds::staffId));
        return new TrainingNeeds(scope, from, to, minN, staff);
    }

    /** The needs of one member of staff, in a fixed order: handle time, FCR, CSAT, first response, resolution. */
    static List<Need> needsOf(StaffStatistics statistics, long minN, StaffProperties properties) {
        List<Need> needs = new ArrayList<>();
        var agent = statistics.interactions();
        if (agent.answered() >= minN) {
            double mean = agent.handleSecondsSum() / agent.answered();
            double standard = StaffMetrics.standardHandleSeconds(agent);
            if (mean > standard) {
                needs.add(new Need("avgHandleSeconds", mean, "AT_MOST", standard, agent.answered()));
            }
        }
        atLeast(needs, "fcrRate", agent.resolvedFirstContact(), agent.answered(), properties.fcrBelow(), minN);
        atLeast(needs, "csat", statistics.csat().satisfied(), statistics.csat().n(), properties.csatBelow(), minN);
        var handler = statistics.complaints();
        atLeast(
                needs,
                "firstResponseCompliance",
                handler.acknowledgedWithinTarget(),
                handler.acknowledged(),
                properties.slaComplianceBelow(),
                minN);
        atLeast(
                needs,
                "resolutionCompliance",
                handler.resolvedWithinTarget(),
                handler.resolved(),
                properties.slaComplianceBelow(),
                minN);
        return needs;
    }

    private static void atLeast(List<Need> needs, String metric, long part, long n, double standard, long minN) {
        if (n >= minN && n > 0) {
            double value = 100.0 * part / n;
            if (value < standard) {
                needs.add(new Need(metric, value, "AT_LEAST", standard, n));
            }
        }
    }

    /** The scope's members of staff (an agent: only themselves) and their summed statistics. */
    private Map<String, Totals> totals(Scope scope, String staffId, Instant from, Instant to) {
        String visible = scopes.visibleStaff(staffId);
        return buckets.totalsByStaff(scopes.tenantId(), scope.branchIds(), visible, from, to);
    }
}
