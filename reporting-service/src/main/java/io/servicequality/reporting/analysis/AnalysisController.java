package io.servicequality.reporting.analysis;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.scope.ReportQuery;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import io.servicequality.reporting.scorecard.ScorecardProperties;
import io.servicequality.web.csv.CsvExportable;
import io.servicequality.web.csv.CsvTable;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.time.Instant;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports")
class AnalysisController {

    private final MetricBucketReadModel buckets;
    private final ScorecardCalculator calculator;
    private final ScorecardProperties weights;
    private final Scopes scopes;

    AnalysisController(
            MetricBucketReadModel buckets, ScorecardCalculator calculator, ScorecardProperties weights, Scopes scopes) {
        this.buckets = buckets;
        this.calculator = calculator;
        this.weights = weights;
        this.scopes = scopes;
    }

    /** The scope's key-driver regression. */
    record KeyDriverReport(Scope scope, Instant from, Instant to, KeyDrivers.Result drivers) implements CsvExportable {

        /** One {@code field,value} row per leaf, with dotted paths. */
        @Override
        public CsvTable csvTable() {
            return CsvTable.flattened(this);
        }

        @Override
        public String csvFileName() {
            return "key-drivers-" + scope.label();
        }
    }

    @Operation(
            summary = "SERVQUAL gap analysis with importance and a priority quadrant (importance × gap)",
            description = "Per rated dimension E, P, gap, importance (mean points, else the default weight),"
                    + " renormalised weight, priority = weight × −gap and the quadrant against the mean importance"
                    + " and mean gap. format=csv answers text/csv.")
    @GetMapping("/servqual-gaps")
    ResponseEntity<GapAnalysis> gaps(@Valid @ParameterObject ReportQuery query) {
        Scope scope = scopes.resolve(query.branchId(), query.regionId(), null);
        BucketStatistics totals = buckets.total(scopes.tenantId(), scope.branchIds(), query.from(), query.to());
        return query.answer(GapAnalysis.of(
                scope,
                query.from(),
                query.to(),
                totals.feedbackCount(),
                calculator.servqual(totals.servqual()),
                weights.servqualDefaultWeights().byFieldName()));
    }

    @Operation(
            summary = "Key drivers: least-squares regression of CSAT on the five perception scores",
            description = "From the summed cross-products; coefficients with standard errors and R², only when at"
                    + " least 30 respondents gave csat and all five perceptions. format=csv answers text/csv.")
    @GetMapping("/key-drivers")
    ResponseEntity<KeyDriverReport> keyDrivers(@Valid @ParameterObject ReportQuery query) {
        Scope scope = scopes.resolve(query.branchId(), query.regionId(), null);
        BucketStatistics totals = buckets.total(scopes.tenantId(), scope.branchIds(), query.from(), query.to());
        return query.answer(new KeyDriverReport(scope, query.from(), query.to(), KeyDrivers.of(totals.drivers())));
    }
}
