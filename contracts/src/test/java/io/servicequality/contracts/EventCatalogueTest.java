package io.servicequality.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

class EventCatalogueTest {

    static final Path JSON_FILE = Path.of("..", "docs", "asyncapi.json");
    static final Path YAML_FILE = Path.of("..", "docs", "asyncapi.yaml");
    static final String REGENERATE =
            "mvn -pl contracts test -Dtest=EventCatalogueTest -Dcatalogue.write=true (then commit docs/asyncapi.*)";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    private final ObjectNode catalogue = EventCatalogueGenerator.generate();

    @Test
    void theCommittedCatalogueIsWhatContractsGenerate() throws IOException {
        String json = EventCatalogueGenerator.prettyJson(catalogue);
        String yaml = YAMLMapper.builder()
                .enable(
                        YAMLWriteFeature.MINIMIZE_QUOTES,
                        YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS,
                        YAMLWriteFeature.LITERAL_BLOCK_STYLE)
                .disable(YAMLWriteFeature.SPLIT_LINES)
                .build()
                .writeValueAsString(catalogue);
        if (Boolean.getBoolean("catalogue.write")) {
            Files.writeString(JSON_FILE, json, StandardCharsets.UTF_8);
            Files.writeString(YAML_FILE, yaml, StandardCharsets.UTF_8);
        }

        assertThat(Files.exists(JSON_FILE))
                .as("docs/asyncapi.json is missing; generate it: " + REGENERATE)
                .isTrue();
        assertThat(Files.readString(JSON_FILE, StandardCharsets.UTF_8))
                .as("docs/asyncapi.json differs from what contracts generate; regenerate it: " + REGENERATE)
                .isEqualTo(json);
        assertThat(Files.readString(YAML_FILE, StandardCharsets.UTF_8))
                .as("docs/asyncapi.yaml differs from what contracts generate; regenerate it: " + REGENERATE)
                .isEqualTo(yaml);
    }

    @Test
    void theJarCarriesTheCommittedCatalogue() throws IOException {
        assumeFalse(Boolean.getBoolean("catalogue.write"), "the jar carries the file as it was before this run");
        assertThat(new String(EventCatalogue.json(), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(JSON_FILE, StandardCharsets.UTF_8));
    }

    @Test
    void everyTopicIsAChannelAddressedByItsNameWithTheMessageOfItsEventType() {
        JsonNode channels = catalogue.get("channels");

        assertThat(catalogue.get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(Topics.all()).hasSize(13);
        for (String topic : Topics.all()) {
            JsonNode channel = channels.get(EventCatalogueGenerator.channelIdOf(topic));
            String message = Topics.eventTypeOf(topic).getSimpleName();
            assertThat(channel.get("address").asString()).isEqualTo(topic);
            assertThat(channel.get("messages").get(message).get("$ref").asString())
                    .isEqualTo("#/components/messages/" + message);
            assertThat(catalogue
                            .get("components")
                            .get("messages")
                            .get(message)
                            .get("payload")
                            .get("$ref")
                            .asString())
                    .isEqualTo("#/components/schemas/" + message);
        }
        assertThat(channels.get(EventCatalogueGenerator.DEAD_LETTERS)
                        .get("address")
                        .asString())
                .isEqualTo("{topic}.dlt");
    }

    @Test
    void compactedAndSystemOfRecordTopicsSayHowLongTheyKeepRecords() {
        JsonNode apiKeys = kafkaBindingOf(Topics.API_KEYS);
        JsonNode feedback = kafkaBindingOf(Topics.FEEDBACK_SUBMITTED);
        JsonNode metrics = kafkaBindingOf(Topics.METRIC_UPDATED);

        assertThat(apiKeys.get("topicConfiguration")
                        .get("cleanup.policy")
                        .get(0)
                        .asString())
                .isEqualTo("compact");
        assertThat(feedback.get("topicConfiguration").get("retention.ms").asLong())
                .isEqualTo(-1);
        assertThat(metrics.has("topicConfiguration")).isFalse();
        assertThat(catalogue
                        .get("channels")
                        .get("sqp-api-keys-v1")
                        .get("description")
                        .asString())
                .startsWith("Compacted");
    }

    @Test
    void alertsArePolymorphicByTheirLogicalTypeName() {
        JsonNode schemas = catalogue.get("components").get("schemas");

        assertThat(schemas.get("AlertEvent").get("discriminator").asString()).isEqualTo("type");
        assertThat(schemas.get("AlertEvent").get("oneOf").findValuesAsString("$ref"))
                .containsExactly("#/components/schemas/AlertRaised", "#/components/schemas/AlertCleared");
        assertThat(schemas.get("AlertCleared")
                        .get("properties")
                        .get("type")
                        .get("const")
                        .asString())
                .isEqualTo("AlertCleared");
        assertThat(catalogue.get("components").get("messages").get("AlertEvent").get("examples"))
                .hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(EventSample.class)
    void everySampleIsValidAgainstItsMessagesPayloadSchema(EventSample sample) {
        assertThat(errors(sample.topic(), sample.json())).isEmpty();
    }

    @Test
    void aPayloadMissingAnIdOrWithAWrongTypeOrAnUnknownAlertTypeIsInvalid() {
        String feedback = EventSample.FEEDBACK_SUBMITTED.json();
        String withoutId = feedback.replaceFirst("\"eventId\"\\s*:\\s*\"[^\"]*\",", "");
        String csatAsText = feedback.replaceFirst("\"csat\"\\s*:\\s*4", "\"csat\": \"four\"");
        String snoozed = EventSample.ALERT_RAISED.json().replace("\"AlertRaised\"", "\"AlertSnoozed\"");
        String unknownChannel = feedback.replace("\"COUNTER\"", "\"FAX\"");

        assertThat(withoutId).isNotEqualTo(feedback);
        assertThat(errors(Topics.FEEDBACK_SUBMITTED, withoutId)).anyMatch(e -> e.contains("eventId"));
        assertThat(errors(Topics.FEEDBACK_SUBMITTED, csatAsText)).anyMatch(e -> e.contains("csat"));
        assertThat(errors(Topics.FEEDBACK_SUBMITTED, unknownChannel)).anyMatch(e -> e.contains("channel"));
        assertThat(errors(Topics.ALERTS, snoozed)).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventSample.class)
    void everySamplesRecordKeyIsDescribedAndGivenAsAnExample(EventSample sample) {
        PlatformEvent event = JSON.readValue(sample.json(), sample.type());
        JsonNode key = catalogue
                .get("components")
                .get("messages")
                .get(EventCatalogueGenerator.messageNameOf(sample.topic()))
                .get("bindings")
                .get("kafka")
                .get("key");

        assertThat(event.recordKey()).matches(key.get("pattern").asString());
        assertThat(key.get("examples").valueStream().map(JsonNode::asString)).contains(event.recordKey());
    }

    @Test
    void everyEventTypeThatBuildsItsOwnKeyHasItsKeyDocumented() {
        for (String topic : Topics.all()) {
            Class<? extends PlatformEvent> type = Topics.eventTypeOf(topic);
            if (declaresRecordKey(type)) {
                assertThat(EventCatalogueGenerator.KEYS)
                        .as(type.getSimpleName() + " builds its own record key: describe it in KEYS")
                        .containsKey(type);
            }
        }
    }

    @Test
    void everyTopicHasOnePublisherAndEveryConsumedTopicADeadLetterTopic() {
        List<String> published = new ArrayList<>();
        Set<String> consumed = new TreeSet<>();
        for (PlatformService service : PlatformService.values()) {
            published.addAll(service.publishes());
            consumed.addAll(service.consumes());
        }
        JsonNode deadLettered = catalogue
                .get("channels")
                .get(EventCatalogueGenerator.DEAD_LETTERS)
                .get("parameters")
                .get("topic")
                .get("enum");

        assertThat(published).containsExactlyInAnyOrderElementsOf(Topics.all());
        assertThat(deadLettered.valueStream().map(JsonNode::asString)).containsExactlyElementsOf(consumed);
        JsonNode operations = catalogue.get("operations");
        assertThat(operations
                        .get("scoring-service-sends-sqp-alerts-v1")
                        .get("action")
                        .asString())
                .isEqualTo("send");
        assertThat(operations
                        .get("reporting-service-receives-sqp-alerts-v1")
                        .get("action")
                        .asString())
                .isEqualTo("receive");
        assertThat(operations.get("complaint-service-receives-sqp-api-keys-v1")).isNotNull();
        assertThat(operations.get("complaint-service-sends-dead-letters")).isNotNull();
    }

    private List<String> errors(String topic, String payload) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$ref", "#/components/schemas/" + EventCatalogueGenerator.messageNameOf(topic));
        schema.set("components", catalogue.get("components"));
        Schema validator = SCHEMAS.getSchema(schema);
        return validator.validate(JSON.readTree(payload)).stream()
                .map(Error::toString)
                .toList();
    }

    private JsonNode kafkaBindingOf(String topic) {
        return catalogue
                .get("channels")
                .get(EventCatalogueGenerator.channelIdOf(topic))
                .get("bindings")
                .get("kafka");
    }

    private static boolean declaresRecordKey(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals("recordKey") && method.getParameterCount() == 0) {
                return true;
            }
        }
        return false;
    }
}
