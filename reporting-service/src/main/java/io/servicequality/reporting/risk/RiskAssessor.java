package io.servicequality.reporting.risk;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.reporting.alert.AlertFeed;
import io.servicequality.reporting.alert.AlertFilter;
import io.servicequality.reporting.alert.AlertRecord;
import io.servicequality.reporting.branch.BranchDirectory;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.complaint.ComplaintBacklog;
import io.servicequality.reporting.complaint.ComplaintBacklog.Backlog;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Assesses one branch: reads its inputs from the read models (buckets, alerts, complaint backlog), applies its tenant's
 * model and records the result in the register (a grade change then goes out through the relay).
 */
@Service
class RiskAssessor {

    /** The most alert events read back for one branch's window. */
    static final int MAX_ALERTS = 10_000;

    private static final Set<String> SEVERE = Set.of("HIGH", "CRITICAL");

    private final MetricBucketReadModel buckets;
    private final ScorecardCalculator calculator;
    private final AlertFeed alerts;
    private final ComplaintBacklog complaints;
    private final BranchDirectory directory;
    private final RiskModels models;
    private final RiskRegister register;
    private final RiskGradeRelay relay;
    private final Clock clock;

    RiskAssessor(
            MetricBucketReadModel buckets,
            ScorecardCalculator calculator,
            AlertFeed alerts,
            ComplaintBacklog complaints,
            BranchDirectory directory,
            RiskModels models,
            RiskRegister register,
            RiskGradeRelay relay,
            Clock clock) {
        this.buckets = buckets;
        this.calculator = calculator;
        this.alerts = alerts;
        this.complaints = complaints;
        this.directory = directory;
        this.models = models;
        this.register = register;
        this.relay = relay;
        this.clock = clock;
    }

    /** Assesses the branch now and records it; a grade change is published right away. */
    RiskRegister.Outcome assess(String tenantId, String branchId) {
        Instant now = clock.instant();
        RiskModel model = models.of(tenantId).model();
        BranchRisk before = register.find(tenantId, branchId).orElse(null);
        Assessment assessment = model.assess(inputs(tenantId, branchId, model.windowDays(), now));
        RiskRegister.Outcome outcome = register.record(tenantId, branchId, before, assessment, model, now);
        if (outcome == RiskRegister.Outcome.GRADE_CHANGED) {
            relay.publish(tenantId, branchId);
        }
        return outcome;
    }

    /**
     * The branch's inputs at {@code now}: the current window is the last {@code windowDays} local days of the branch
     * (its time zone from the directory, else UTC), today included, up to the end of the current hour; the previous
     * window the {@code windowDays} local days before it.
     */
    RiskInputs inputs(String tenantId, String branchId, int windowDays, Instant now) {
        ZoneId zone = directory.timeZoneOf(tenantId, branchId);
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant currentFrom =
                today.minusDays(windowDays - 1L).atStartOfDay(zone).toInstant();
        Instant previousFrom =
                today.minusDays(2L * windowDays - 1).atStartOfDay(zone).toInstant();
        Instant currentTo = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        List<String> branch = List.of(branchId);
        BucketStatistics current = buckets.total(tenantId, branch, currentFrom, currentTo);
        BucketStatistics previous = buckets.total(tenantId, branch, previousFrom, currentFrom);
        long currentN = responsesAndInteractions(current);
        long previousN = responsesAndInteractions(previous);
        Backlog backlog = complaints.backlog(tenantId, branch);
        long severeOpen = backlog.complaints().stream()
                .filter(open -> open.severity() != null && SEVERE.contains(open.severity()))
                .count();
        return new RiskInputs(
                calculator.sqi(current),
                calculator.sqi(previous),
                Math.min(currentN, previousN),
                alertsRaised(tenantId, branchId, currentFrom, now),
                current.complaints().opened(),
                current.complaints().slaBreaches(),
                currentN,
                backlog.open(),
                severeOpen);
    }

    private static long responsesAndInteractions(BucketStatistics statistics) {
        return statistics.feedbackCount() + statistics.interactions().offered();
    }

    /** Alerts raised about the branch itself (not region- or tenant-wide ones) since {@code from}. */
    private long alertsRaised(String tenantId, String branchId, Instant from, Instant now) {
        return alerts.recent(tenantId, AlertFilter.of(List.of(branchId), List.of()), MAX_ALERTS).stream()
                .filter(alert -> "RAISED".equals(alert.state()))
                .filter(alert -> branchId.equals(alert.branchId()))
                .filter(alert -> alert.scopeLevel() == null || "BRANCH".equals(alert.scopeLevel()))
                .map(AlertRecord::occurredAt)
                .filter(at -> !at.isBefore(from) && !at.isAfter(now))
                .count();
    }
}
