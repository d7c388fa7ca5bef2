package io.servicequality.reporting.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.reporting.complaint.ComplaintBacklog.Backlog;
import io.servicequality.reporting.complaint.ComplaintBacklog.OpenComplaint;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.ScorecardProperties.DimensionWeights;
import io.servicequality.reporting.scorecard.ScorecardProperties.SqiWeights;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scorecard example in the OpenAPI document is what the calculator answers for the contract's MetricUpdated
 * sample (with two open complaints, one overdue): every block, the channel breakdown, standard deviations and
 * distributions as the API gives them.
 */
class ScorecardExampleTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theOpenApiExampleIsTheScorecardOfTheContractSample() {
        MetricUpdated sample = JSON.readValue(EventSample.METRIC_UPDATED.json(), MetricUpdated.class);
        ScorecardCalculator calculator = new ScorecardCalculator(new ScorecardProperties(
                new SqiWeights(0.3, 0.2, 0.2, 0.15, 0.15), new DimensionWeights(0.2, 0.2, 0.2, 0.2, 0.2)));
        Scope branch = new Scope(Scope.Level.BRANCH, "SH-001", null, List.of("SH-001"), ZoneOffset.UTC);

        Scorecard scorecard = calculator.scorecard(
                branch,
                Instant.parse("2026-11-20T00:00:00Z"),
                Instant.parse("2026-11-21T00:00:00Z"),
                sample.statistics(),
                new Backlog(
                        2,
                        1,
                        List.of(
                                new OpenComplaint(
                                        "SH-001",
                                        "c-1",
                                        "CMP-1",
                                        "QUALITY",
                                        "HIGH",
                                        null,
                                        "PHONE",
                                        Instant.parse("2026-11-20T12:00:00Z"),
                                        true),
                                new OpenComplaint(
                                        "SH-001",
                                        "c-2",
                                        "CMP-2",
                                        "QUALITY",
                                        "LOW",
                                        null,
                                        null,
                                        Instant.parse("2026-11-23T12:00:00Z"),
                                        false))));

        JsonNode computed = JSON.readTree(JSON.writeValueAsString(scorecard));
        assertThat(JSON.readTree(ScorecardController.SCORECARD_EXAMPLE))
                .as(
                        "ScorecardController.SCORECARD_EXAMPLE differs from the computed scorecard:%n%s",
                        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(computed))
                .isEqualTo(computed);
    }
}
