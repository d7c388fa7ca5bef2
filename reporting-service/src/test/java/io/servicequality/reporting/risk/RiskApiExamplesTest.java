package io.servicequality.reporting.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI examples of the risk API are what the API reads and answers. */
class RiskApiExamplesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theModelExampleIsTheDocumentedDefaultModel() {
        RiskModel model = JSON.readValue(RiskController.MODEL_BODY_EXAMPLE, RiskModel.class);

        assertThat(model.problems()).isEmpty();
        assertThat(model.likelihood()).isEqualTo(RiskModelTest.DOCUMENTED.likelihood());
        assertThat(model.impact()).isEqualTo(RiskModelTest.DOCUMENTED.impact());
        assertThat(model.grades())
                .extracting(GradeRule::grade, GradeRule::minScore, GradeRule::ownerRole, GradeRule::responseHours)
                .containsExactlyElementsOf(RiskModelTest.DOCUMENTED.grades().stream()
                        .map(rule -> org.assertj.core.groups.Tuple.tuple(
                                rule.grade(), rule.minScore(), rule.ownerRole(), rule.responseHours()))
                        .toList());
    }

    @Test
    void theResponseExamplesAreJsonOfTheDocumentedShapes() {
        JsonNode register = JSON.readTree(RiskController.REGISTER_EXAMPLE);
        JsonNode entry = register.get("branches").get(0);
        assertThat(List.of(
                        entry.get("likelihood").asInt(),
                        entry.get("impact").asInt(),
                        entry.get("score").asInt()))
                .containsExactly(4, 3, 12);
        assertThat(entry.get("factors").findValuesAsString("name"))
                .containsExactly("sqiDrop", "alertsRaised", "slaBreachRate", "dailyVolume", "severeOpenShare");
        assertThat(JSON.readTree(RiskController.MATRIX_EXAMPLE).get("byGrade").size())
                .isEqualTo(4);
        assertThat(JSON.readTree(RiskController.HISTORY_EXAMPLE)
                        .at("/changes/0/previousGrade")
                        .asString())
                .isEqualTo("III");
        assertThat(JSON.readTree(RiskController.MODEL_EXAMPLE).get("source").asString())
                .isEqualTo("TENANT");
    }

    @Test
    void theExampleAssessmentIsWhatTheModelComputesForWorkedExampleB() {
        Assessment b = RiskModelTest.DOCUMENTED.assess(new RiskInputs(70.0, 81.5, 412, 2, 16, 2, 2170, 5, 1));
        JsonNode example =
                JSON.readTree(RiskController.REGISTER_EXAMPLE).get("branches").get(0);

        assertThat(example.get("grade").asString()).isEqualTo(b.grade().name());
        assertThat(example.get("factors").findValues("level").stream()
                        .map(JsonNode::asInt)
                        .toList())
                .containsExactlyElementsOf(
                        b.factors().stream().map(Factor::level).toList());
        assertThat(example.get("factors").findValues("value").stream()
                        .map(JsonNode::asDouble)
                        .toList())
                .containsExactlyElementsOf(
                        b.factors().stream().map(Factor::value).toList());
        assertThat(example.get("factors").findValues("n").stream()
                        .map(JsonNode::asLong)
                        .toList())
                .containsExactlyElementsOf(b.factors().stream().map(Factor::n).toList());
    }
}
