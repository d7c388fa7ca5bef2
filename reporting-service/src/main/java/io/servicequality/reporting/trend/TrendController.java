package io.servicequality.reporting.trend;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.live.MinuteRing;
import io.servicequality.reporting.scope.ReportQuery;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.reporting.scorecard.Scorecard;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import io.servicequality.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports")
class TrendController {

    /** Bounds the work of one request: a year of days, or 31 days of hours. */
    private static final Duration MAX_HOURLY = Duration.ofDays(31);

    private static final Duration MAX_DAILY = Duration.ofDays(400);

    private final MetricBucketReadModel buckets;
    private final ScorecardCalculator calculator;
    private final MinuteRing minutes;
    private final Scopes scopes;

    TrendController(MetricBucketReadModel buckets, ScorecardCalculator calculator, MinuteRing minutes, Scopes scopes) {
        this.buckets = buckets;
        this.calculator = calculator;
        this.minutes = minutes;
        this.scopes = scopes;
    }

    @Operation(
            summary = "Metrics of a branch, a region or the tenant per hour or per local day",
            description =
                    "granularity minute (the last sqp.live.minute-window, 60 minutes, only, from memory; events later than the allowed"
                            + " lateness are not in minutes; complete=false while the instance is still reading them back"
                            + " after a start), hour (at most 31 days) or day (at most 400 days; days of the branch's time"
                            + " zone, or of zone, else UTC). Only periods with data are listed. format=csv answers text/csv.")
    @GetMapping("/trends")
    ResponseEntity<Trend> trend(
            @Valid @ParameterObject ReportQuery query,
            @RequestParam(defaultValue = "hour") String granularity,
            @RequestParam(required = false) String zone) {
        String period = granularity.toUpperCase(Locale.ROOT);
        switch (period) {
            case "MINUTE" -> {
                if (query.from().isBefore(minutes.oldestMinute())) {
                    throw Problems.validationFailed(
                            "from",
                            "minutes are kept for the last " + minutes.window().toMinutes() + " minutes only (from "
                                    + minutes.oldestMinute() + "); use granularity hour");
                }
            }
            case "HOUR", "DAY" -> {
                boolean daily = period.equals("DAY");
                if (Duration.between(query.from(), query.to()).compareTo(daily ? MAX_DAILY : MAX_HOURLY) > 0) {
                    throw Problems.validationFailed(
                            "to", daily ? "must be at most 400 days after from" : "must be at most 31 days after from");
                }
            }
            default -> throw Problems.validationFailed("granularity", "must be minute, hour or day");
        }
        Scope scope = scopes.resolve(query.branchId(), query.regionId(), zone);
        SortedMap<Instant, BucketStatistics> series = switch (period) {
            case "MINUTE" -> minutes.sum(scopes.tenantId(), scope.branchIds(), query.from(), query.to());
            case "DAY" -> buckets.daily(scopes.tenantId(), scope.branchIds(), query.from(), query.to(), scope.zone());
            default -> buckets.hourly(scopes.tenantId(), scope.branchIds(), query.from(), query.to());
        };
        List<Trend.Point> points = new ArrayList<>();
        series.forEach((start, statistics) -> points.add(point(start, statistics)));
        boolean daily = period.equals("DAY");
        return query.answer(new Trend(
                scope,
                query.from(),
                query.to(),
                period,
                daily ? scope.zone().getId() : "UTC",
                !period.equals("MINUTE") || minutes.complete(),
                points));
    }

    private Trend.Point point(Instant start, BucketStatistics statistics) {
        Scorecard.Feedback feedback = calculator.feedback(statistics);
        Scorecard.Interactions interactions = calculator.interactions(statistics.interactions());
        Scorecard.Complaints complaints =
                calculator.complaints(statistics.complaints(), statistics.interactions(), null);
        return new Trend.Point(
                start,
                feedback.n(),
                calculator.sqi(feedback, interactions, complaints),
                feedback.csat() == null ? null : feedback.csat().n(),
                feedback.csat() == null ? null : feedback.csat().percent(),
                feedback.nps() == null ? null : feedback.nps().n(),
                feedback.nps() == null ? null : feedback.nps().score(),
                feedback.ces() == null ? null : feedback.ces().mean(),
                feedback.servqual() == null ? null : feedback.servqual().weighted(),
                statistics.interactions().offered(),
                interactions == null ? null : interactions.answerRate(),
                interactions == null ? null : interactions.serviceLevel(),
                statistics.complaints().opened(),
                complaints == null ? null : complaints.resolutionCompliance());
    }
}
