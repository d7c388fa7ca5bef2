package io.servicequality.reporting.scorecard;

import io.servicequality.reporting.scope.ReportQuery;
import io.servicequality.reporting.scope.Scopes;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports")
class ScorecardController {

    private final ScorecardService scorecards;
    private final Scopes scopes;

    ScorecardController(ScorecardService scorecards, Scopes scopes) {
        this.scorecards = scorecards;
        this.scopes = scopes;
    }

    @Operation(
            summary = "Scorecard of a branch, a region or the tenant",
            description = "Sums the scope's hour buckets whose start lies in [from, to) (ISO-8601 instants, from"
                    + " before to) and computes every metric from the sum; a metric without data is null. Scope:"
                    + " branchId, or regionId (its branches in the directory), or neither (the tenant). targets: the"
                    + " attainment of the quality targets that apply (a branch: its own and the tenant-wide ones it"
                    + " does not override; a region or the tenant: the tenant-wide ones on the summed figures)."
                    + " Every rating carries stdDev (sample, n − 1; null below two answers) and distribution (answers"
                    + " per value of its scale: csat 1–5, nps 0–10, ces and SERVQUAL expectation/perception 1–7; null"
                    + " when part of the range predates distributions). byChannel: the feedback, interactions,"
                    + " complaints and sqi blocks computed from each channel's events (complaints there without the"
                    + " open/overdue backlog); events without a channel count only in the totals."
                    + " format=csv answers text/csv (one row per metric).")
    @GetMapping("/scorecard")
    ResponseEntity<Scorecard> scorecard(@Valid @ParameterObject ReportQuery query) {
        return query.answer(scorecards.scorecardOf(
                scopes.resolve(query.branchId(), query.regionId(), null), query.from(), query.to()));
    }
}
