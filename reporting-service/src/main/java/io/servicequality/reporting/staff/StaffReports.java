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
class StaffReports {

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
        Map<String, Measured> measured = new LinkedHashMap<>();
        totals(scope, null, from, to)
                .forEach((id, totals) -> measured.put(id, metric.measure(totals.statistics(), calculator)));
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
