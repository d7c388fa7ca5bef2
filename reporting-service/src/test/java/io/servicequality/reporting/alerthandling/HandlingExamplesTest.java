package io.servicequality.reporting.alerthandling;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The response examples of the OpenAPI document have the fields the endpoints answer with, no more and no fewer (the
 * request examples are sent as they stand by {@code AlertHandlingIT}).
 */
class HandlingExamplesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final List<String> FIELDS = Arrays.stream(AlertHandlingResponse.class.getRecordComponents())
            .map(RecordComponent::getName)
            .toList();

    @Test
    void theHandlingExampleHasEveryFieldOfTheAnswerWithItsHistory() {
        JsonNode example = JSON.readTree(HandlingExamples.HANDLING);

        assertThat(example.propertyNames()).containsExactlyInAnyOrderElementsOf(FIELDS);
        assertThat(example.get("history").findValuesAsString("what"))
                .containsExactly(
                        "RAISED", "ESCALATED", "ACKNOWLEDGED", "ASSIGNED", "LINKED_TO_ACTION", "CLEARED", "RESOLVED");
    }

    @Test
    void theListingExampleHasEveryFieldButTheHistory() {
        JsonNode item = JSON.readTree(HandlingExamples.LISTING).get("items").get(0);

        assertThat(item.propertyNames())
                .containsExactlyInAnyOrderElementsOf(FIELDS.stream()
                        .filter(field -> !field.equals("history"))
                        .toList());
    }

    @Test
    void theProblemExamplesAreProblems() {
        for (String problem : List.of(
                HandlingExamples.INVALID_TRANSITION,
                HandlingExamples.ALREADY_LINKED,
                HandlingExamples.PRECONDITION_FAILED)) {
            assertThat(JSON.readTree(problem).propertyNames()).contains("type", "title", "status", "detail");
        }
    }
}
