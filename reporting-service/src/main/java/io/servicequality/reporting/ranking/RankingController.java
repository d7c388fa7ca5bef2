package io.servicequality.reporting.ranking;

import io.servicequality.reporting.scope.ReportQuery;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports")
class RankingController {

    private final RankingService rankings;
    private final Scopes scopes;
    private final long defaultMinN;

    RankingController(RankingService rankings, Scopes scopes, @Value("${sqp.ranking.min-n:30}") long defaultMinN) {
        this.rankings = rankings;
        this.scopes = scopes;
        this.defaultMinN = defaultMinN;
    }

    @Operation(
            summary = "Branches of a region (regionId) or of the tenant ranked by one metric",
            description = "metric: sqi, csat, nps, ces, servqual, answerRate, serviceLevel, abandonRate, fcrRate,"
                    + " avgHandleSeconds, firstResponseCompliance, resolutionCompliance. Branches below minN"
                    + " (default 30) are listed under excluded; branches whose 95 % intervals overlap the leader of"
                    + " their group share its rank. format=csv answers text/csv.")
    @GetMapping("/rankings")
    ResponseEntity<Ranking> ranking(
            @RequestParam(defaultValue = "sqi") String metric,
            @Valid @ParameterObject ReportQuery query,
            @RequestParam(required = false) Long minN) {
        RankedMetric ranked = RankedMetric.of(metric)
                .orElseThrow(() -> Problems.validationFailed(
                        "metric", "must be one of " + String.join(", ", RankedMetric.parameters())));
        long threshold = minN == null ? defaultMinN : minN;
        if (threshold < 1) {
            throw Problems.validationFailed("minN", "must be at least 1");
        }
        return query.answer(rankings.rank(
                scopes.resolve(null, query.regionId(), null), ranked, query.from(), query.to(), threshold));
    }
}
