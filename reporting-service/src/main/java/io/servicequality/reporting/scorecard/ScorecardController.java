package io.servicequality.reporting.scorecard;

import io.servicequality.reporting.scope.ReportQuery;
import io.servicequality.reporting.scope.Scopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports")
class ScorecardController {

    /** The scorecard of the contract's MetricUpdated sample, as ScorecardExampleTest computes it. */
    static final String SCORECARD_EXAMPLE = """
            {
              "scope": { "level": "BRANCH", "branchId": "SH-001" },
              "from": "2026-11-20T00:00:00Z",
              "to": "2026-11-21T00:00:00Z",
              "feedback": {
                "n": 3,
                "servqual": {
                  "dimensions": {
                    "reliability": {
                      "n": 2,
                      "expectation": 6.5,
                      "perception": 5.0,
                      "gap": -1.5,
                      "importance": 40.0,
                      "expectationStdDev": 0.7071067811865476,
                      "perceptionStdDev": 0.0,
                      "expectationDistribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 1, "7": 1 },
                      "perceptionDistribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 2, "6": 0, "7": 0 }
                    },
                    "responsiveness": {
                      "n": 1,
                      "expectation": 6.0,
                      "perception": 6.0,
                      "gap": 0.0,
                      "importance": 30.0,
                      "expectationStdDev": null,
                      "perceptionStdDev": null,
                      "expectationDistribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 1, "7": 0 },
                      "perceptionDistribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 1, "7": 0 }
                    },
                    "empathy": {
                      "n": 1,
                      "expectation": 6.5,
                      "perception": 4.5,
                      "gap": -2.0,
                      "importance": 10.0,
                      "expectationStdDev": null,
                      "perceptionStdDev": null,
                      "expectationDistribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 0, "7": 1 },
                      "perceptionDistribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 1, "6": 0, "7": 0 }
                    }
                  },
                  "unweighted": -1.1666666666666667,
                  "weighted": -1.0000000000000002
                },
                "csat": {
                  "n": 3,
                  "percent": 66.66666666666667,
                  "ci95": [ 20.765495512648798, 93.85096847238394 ],
                  "stdDev": 0.5773502691896247,
                  "distribution": { "1": 0, "2": 0, "3": 1, "4": 2, "5": 0 }
                },
                "nps": {
                  "n": 3,
                  "score": 0.0,
                  "promoters": 1,
                  "passives": 1,
                  "detractors": 1,
                  "ci95": [ -61.1137373173077, 61.1137373173077 ],
                  "stdDev": 2.0,
                  "distribution": { "0": 0, "1": 0, "2": 0, "3": 0, "4": 0, "5": 1, "6": 0, "7": 1, "8": 0, "9": 1, "10": 0 }
                },
                "ces": {
                  "n": 1,
                  "mean": 6.0,
                  "stdDev": null,
                  "distribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 1, "7": 0 }
                }
              },
              "interactions": {
                "n": 4,
                "offered": 4,
                "answered": 3,
                "answerRate": 75.0,
                "serviceLevel": 50.0,
                "abandonRate": 25.0,
                "avgHandleSeconds": 186.66666666666666,
                "avgHandleSecondsComplex": 250.0,
                "fcrRate": 66.66666666666667,
                "waitSeconds": { "p50": 14.0, "p90": 45.0, "p99": 45.0 },
                "handleSeconds": { "p50": 167.1577554240986, "p90": 246.9681357228953, "p99": 246.9681357228953 }
              },
              "complaints": { "opened": 1, "acknowledged": 1, "resolved": 1, "closed": 0, "reopened": 0, "ratePer1000Interactions": 250.0, "firstResponseCompliance": 100.0, "resolutionCompliance": 0.0, "meanBusinessHoursToResolve": 33.0, "p90BusinessHoursToResolve": 33.0, "reopenRate": 0.0, "slaWarnings": 1, "slaBreaches": 1, "open": 2, "overdue": 1 },
              "sqi": 49.583333333333336,
              "targets": [],
              "byChannel": {
                "COUNTER": {
                  "feedback": {
                    "n": 3,
                    "servqual": {
                      "dimensions": {
                        "reliability": {
                          "n": 2,
                          "expectation": 6.5,
                          "perception": 5.0,
                          "gap": -1.5,
                          "importance": 40.0,
                          "expectationStdDev": 0.7071067811865476,
                          "perceptionStdDev": 0.0,
                          "expectationDistribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 1, "7": 1 },
                          "perceptionDistribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 2, "6": 0, "7": 0 }
                        },
                        "responsiveness": {
                          "n": 1,
                          "expectation": 6.0,
                          "perception": 6.0,
                          "gap": 0.0,
                          "importance": 30.0,
                          "expectationStdDev": null,
                          "perceptionStdDev": null,
                          "expectationDistribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 1, "7": 0 },
                          "perceptionDistribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 1, "7": 0 }
                        },
                        "empathy": {
                          "n": 1,
                          "expectation": 6.5,
                          "perception": 4.5,
                          "gap": -2.0,
                          "importance": 10.0,
                          "expectationStdDev": null,
                          "perceptionStdDev": null,
                          "expectationDistribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 0, "7": 1 },
                          "perceptionDistribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 1, "6": 0, "7": 0 }
                        }
                      },
                      "unweighted": -1.1666666666666667,
                      "weighted": -1.0000000000000002
                    },
                    "csat": {
                      "n": 3,
                      "percent": 66.66666666666667,
                      "ci95": [ 20.765495512648798, 93.85096847238394 ],
                      "stdDev": 0.5773502691896247,
                      "distribution": { "1": 0, "2": 0, "3": 1, "4": 2, "5": 0 }
                    },
                    "nps": {
                      "n": 3,
                      "score": 0.0,
                      "promoters": 1,
                      "passives": 1,
                      "detractors": 1,
                      "ci95": [ -61.1137373173077, 61.1137373173077 ],
                      "stdDev": 2.0,
                      "distribution": { "0": 0, "1": 0, "2": 0, "3": 0, "4": 0, "5": 1, "6": 0, "7": 1, "8": 0, "9": 1, "10": 0 }
                    },
                    "ces": {
                      "n": 1,
                      "mean": 6.0,
                      "stdDev": null,
                      "distribution": { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 1, "7": 0 }
                    }
                  },
                  "interactions": null,
                  "complaints": null,
                  "sqi": 54.761904761904766
                },
                "PHONE": {
                  "feedback": { "n": 0, "servqual": null, "csat": null, "nps": null, "ces": null },
                  "interactions": {
                    "n": 4,
                    "offered": 4,
                    "answered": 3,
                    "answerRate": 75.0,
                    "serviceLevel": 50.0,
                    "abandonRate": 25.0,
                    "avgHandleSeconds": 186.66666666666666,
                    "avgHandleSecondsComplex": 250.0,
                    "fcrRate": 66.66666666666667,
                    "waitSeconds": { "p50": 14.0, "p90": 45.0, "p99": 45.0 },
                    "handleSeconds": { "p50": 167.1577554240986, "p90": 246.9681357228953, "p99": 246.9681357228953 }
                  },
                  "complaints": { "opened": 1, "acknowledged": 1, "resolved": 1, "closed": 0, "reopened": 0, "ratePer1000Interactions": 250.0, "firstResponseCompliance": 100.0, "resolutionCompliance": 0.0, "meanBusinessHoursToResolve": 33.0, "p90BusinessHoursToResolve": 33.0, "reopenRate": 0.0, "slaWarnings": 1, "slaBreaches": 1, "open": 1, "overdue": 1 },
                  "sqi": 37.5
                }
              }
            }""";

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
                    + " complaints and sqi blocks computed from each channel's events, for the channels with events in"
                    + " the range or complaints open now (open/overdue: the open complaints that came through the"
                    + " channel); events and complaints without a channel count only in the totals."
                    + " format=csv answers text/csv (one row per metric).",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = @ExampleObject(name = "branch", value = SCORECARD_EXAMPLE))))
    @GetMapping("/scorecard")
    ResponseEntity<Scorecard> scorecard(@Valid @ParameterObject ReportQuery query) {
        return query.answer(scorecards.scorecardOf(
                scopes.resolve(query.branchId(), query.regionId(), null), query.from(), query.to()));
    }
}
