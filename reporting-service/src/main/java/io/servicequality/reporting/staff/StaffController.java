package io.servicequality.reporting.staff;

import io.servicequality.reporting.scope.ReportQuery;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports/staff")
class StaffController {

    private static final String SCOPE = " Scope: branchId, or regionId (its branches in the directory), or neither (the"
            + " tenant); the local days of the branches starting in [from, to) are summed. An agent sees only"
            + " themselves (their token's subject is their staff id), a branch manager the staff of their branches.";

    private static final String REPORT_EXAMPLE = """
            {"scope": {"level": "BRANCH", "branchId": "SH-001"}, "from": "2026-11-01T00:00:00Z",
             "to": "2026-12-01T00:00:00Z", "standardHandleSeconds": 180, "complexStandardHandleSeconds": 300,
             "staff": [{"staffId": "a-12", "branchIds": ["SH-001"],
               "interactions": {"n": 412, "offered": 412, "answered": 398, "abandoned": 14, "answerRate": 96.6,
                 "avgHandleSeconds": 171.4, "standardHandleSeconds": 189.6, "avgHandleSecondsOrdinary": 158.2,
                 "avgHandleSecondsComplex": 286.0, "complexAnswered": 31, "handledWithin3MinutesRate": 71.9,
                 "handledWithin5MinutesRate": 97.2, "handledWithinStandardRate": 78.4, "fcrRate": 81.2},
               "feedback": {"n": 96, "csat": {"n": 90, "percent": 84.4, "ci95": [75.6, 90.5]},
                 "nps": {"n": 88, "score": 31.8, "promoters": 44, "passives": 28, "detractors": 16,
                   "ci95": [14.2, 47.6]}},
               "complaints": {"acknowledged": 12, "firstResponseCompliance": 91.7, "resolved": 10,
                 "resolutionCompliance": 80.0, "reopened": 1, "reopenRate": 10.0}}]}""";

    private static final String RANKING_EXAMPLE = """
            {"scope": {"level": "BRANCH", "branchId": "SH-001"}, "from": "2026-11-01T00:00:00Z",
             "to": "2026-12-01T00:00:00Z", "metric": "fcrRate", "higherIsBetter": true, "minN": 30,
             "entries": [
               {"rank": 1, "tieGroup": 1, "staffId": "a-12", "value": 81.2, "n": 398, "ci95": [77.1, 84.7]},
               {"rank": 1, "tieGroup": 1, "staffId": "a-07", "value": 78.0, "n": 250, "ci95": [72.5, 82.7]},
               {"rank": 3, "tieGroup": 2, "staffId": "a-03", "value": 64.5, "n": 310, "ci95": [59.0, 69.6]}],
             "excluded": [{"staffId": "a-19", "n": 12}]}""";

    private static final String NEEDS_EXAMPLE = """
            {"scope": {"level": "BRANCH", "branchId": "SH-001"}, "from": "2026-11-01T00:00:00Z",
             "to": "2026-12-01T00:00:00Z", "minN": 30,
             "staff": [{"staffId": "a-03", "branchIds": ["SH-001"], "needs": [
               {"metric": "avgHandleSeconds", "value": 214.5, "bound": "AT_MOST", "standard": 184.6, "n": 310},
               {"metric": "fcrRate", "value": 64.5, "bound": "AT_LEAST", "standard": 70.0, "n": 310}]}]}""";

    private final StaffReports reports;
    private final Scopes scopes;

    StaffController(StaffReports reports, Scopes scopes) {
        this.reports = reports;
        this.scopes = scopes;
    }

    @Operation(
            summary = "Staff quality metrics per agent and complaint handler",
            description = "Per member of staff: interactions offered and answered, mean handle time against the"
                    + " standard of their mix (180 s ordinary, 300 s complex), shares handled within 3 and 5 minutes"
                    + " and within standard, first-contact resolution; CSAT and NPS of the feedback linked to their"
                    + " interactions by interactionId; as complaint handler (the complaint's assignee), complaints"
                    + " acknowledged and resolved with first-response and resolution SLA compliance, and reopenings."
                    + " Rates are 0-100; a block without data is null. staffId: one member of staff."
                    + SCOPE
                    + " format=csv answers text/csv (one row per member of staff).",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The staff metrics",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = @ExampleObject(name = "branch", value = REPORT_EXAMPLE))))
    @GetMapping
    ResponseEntity<StaffReport> staff(
            @Valid @ParameterObject ReportQuery query, @RequestParam(required = false) String staffId) {
        return query.answer(reports.report(
                scopes.resolve(query.branchId(), query.regionId(), null), staffId, query.from(), query.to()));
    }

    @Operation(
            summary = "Members of staff ranked by one metric",
            description = "metric: avgHandleSeconds, handledWithinStandardRate, handledWithin3MinutesRate,"
                    + " handledWithin5MinutesRate, fcrRate, answerRate, csat, nps, firstResponseCompliance,"
                    + " resolutionCompliance, complaintsResolved. Members of staff below minN (default 30) are"
                    + " listed under excluded; those whose 95 % intervals overlap the leader of their group share its"
                    + " rank (the branch rankings' rule)."
                    + SCOPE
                    + " format=csv answers text/csv.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The ranking",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = @ExampleObject(name = "fcrRate", value = RANKING_EXAMPLE))))
    @GetMapping("/rankings")
    ResponseEntity<StaffRanking> ranking(
            @RequestParam(defaultValue = "avgHandleSeconds") String metric,
            @Valid @ParameterObject ReportQuery query,
            @RequestParam(required = false) Long minN) {
        StaffMetric ranked = StaffMetric.of(metric)
                .orElseThrow(() -> Problems.validationFailed(
                        "metric", "must be one of " + String.join(", ", StaffMetric.parameters())));
        return query.answer(reports.rank(
                scopes.resolve(query.branchId(), query.regionId(), null),
                ranked,
                query.from(),
                query.to(),
                minNOf(minN)));
    }

    @Operation(
            summary = "Members of staff who need training: below a standard on enough observations",
            description = "Listed when, on at least minN observations (default 30): the mean handle time is above the"
                    + " standard of their mix; or FCR, CSAT of linked feedback, first-response or resolution SLA"
                    + " compliance is below its threshold (sqp.staff.fcr-below 70, csat-below 80,"
                    + " sla-compliance-below 90). Most needs first."
                    + SCOPE
                    + " format=csv answers text/csv (one row per need).",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The training needs",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = @ExampleObject(name = "branch", value = NEEDS_EXAMPLE))))
    @GetMapping("/training-needs")
    ResponseEntity<TrainingNeeds> trainingNeeds(
            @Valid @ParameterObject ReportQuery query, @RequestParam(required = false) Long minN) {
        return query.answer(reports.trainingNeeds(
                scopes.resolve(query.branchId(), query.regionId(), null), query.from(), query.to(), minNOf(minN)));
    }

    private long minNOf(Long minN) {
        long threshold = minN == null ? reports.defaultMinN() : minN;
        if (threshold < 1) {
            throw Problems.validationFailed("minN", "must be at least 1");
        }
        return threshold;
    }
}
