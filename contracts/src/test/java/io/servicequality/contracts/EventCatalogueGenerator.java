package io.servicequality.contracts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the event catalogue, an AsyncAPI 3.0 document, from this module: a channel per topic of {@link Topics} (its
 * retention from {@link Topics#isCompacted} and {@link Topics#isSystemOfRecord}), a message per event type of {@link
 * Topics#eventTypeOf} with its payload schema ({@link RecordSchemas}), record key and samples ({@link EventSample}),
 * the dead-letter convention, and who sends and receives what ({@link PlatformService}).
 */
final class EventCatalogueGenerator {

    static final String KAFKA_BINDING_VERSION = "0.5.0";

    /** The channel of every dead-letter topic, addressed {@code {topic}.dlt}. */
    static final String DEAD_LETTERS = "dead-letters";

    /** Record keys: how each event type builds its {@link PlatformEvent#recordKey()}, and a pattern they all match. */
    static final Map<Class<? extends PlatformEvent>, RecordKey> KEYS = Map.of(
            PlatformEvent.class,
            new RecordKey(
                    "`tenantId:branchId`, so that all events of one branch stay ordered within a partition.",
                    "^[^:]+:[^:]+$"),
            AlertEvent.class,
            new RecordKey(
                    "`tenantId:branchId` for a branch alert; `tenantId:<level>:<id>` (e.g. `acme-bank:REGION:north`,"
                            + " `acme-bank:TENANT:acme-bank`) for a region or tenant alert, whose `branchId` is null."
                            + " One episode's raise and clear share the key, hence a partition, and stay in order.",
                    "^[^:]+:([^:]+|(REGION|TENANT):.+)$"),
            AlertHandlingChanged.class,
            new RecordKey(
                    "Like the alert's own events: `tenantId:branchId` for a branch alert, `tenantId:<level>:<id>` for a"
                            + " region or tenant alert (null `branchId`), so that an episode's handling steps stay in"
                            + " order.",
                    "^[^:]+:([^:]+|(REGION|TENANT):.+)$"),
            QualityTargetChanged.class,
            new RecordKey(
                    "`tenantId:target:<targetId>`: one record per target, so compaction keeps each target's latest"
                            + " state.",
                    "^[^:]+:target:.+$"),
            AlertRuleChanged.class,
            new RecordKey(
                    "`tenantId:alert-rule:<ruleId>`: one record per rule; all of a tenant's rules share the prefix"
                            + " `tenantId:alert-rule:`.",
                    "^[^:]+:alert-rule:.+$"),
            ApiKeyChanged.class,
            new RecordKey(
                    "`tenantId:api-key:<keyId>`: one record per key, so compaction keeps each key's latest state.",
                    "^[^:]+:api-key:.+$"),
            CorrectiveActionChanged.class,
            new RecordKey(
                    "`tenantId:action:<actionId>`: one record per corrective action, so compaction keeps each action's"
                            + " latest state.",
                    "^[^:]+:action:.+$"));

    private static final Map<Class<? extends PlatformEvent>, String> SUMMARIES = Map.of(
            FeedbackSubmitted.class, "A customer's answers to a survey: SERVQUAL ratings, CSAT, NPS and effort.",
            InteractionRecorded.class,
                    "One service interaction (call, chat, e-mail, counter visit) offered to a branch.",
            ComplaintChanged.class, "One step in a complaint's life, and the SLA warnings and breaches.",
            MetricUpdated.class,
                    "The full, absolute statistics of one bucket; a consumer keeps the highest revision it has seen.",
            AlertEvent.class, "An alert episode starts with AlertRaised and ends with one AlertCleared.",
            AlertHandlingChanged.class,
                    "One step in an alert's handling: acknowledged, assigned, linked to a corrective action, resolved,"
                            + " or escalated because nobody acknowledged it in time.",
            BranchChanged.class, "The current entry of one branch in the branch directory.",
            QualityTargetChanged.class, "The current state of one quality target.",
            AlertRuleChanged.class, "The current state of one alert rule.",
            ApiKeyChanged.class, "The current state of one API key of an external app (its secret's hash only).");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RecordSchemas schemas = new RecordSchemas("#/components/schemas/");

    /** The document; the same contracts always give the same document, property for property. */
    static ObjectNode generate() {
        return new EventCatalogueGenerator().document();
    }

    /** The channel of a topic: its name with dots as dashes ({@code sqp-feedback-submitted-v1}). */
    static String channelIdOf(String topic) {
        return topic.replace('.', '-');
    }

    /** The message of a topic, named after the event type it holds. */
    static String messageNameOf(String topic) {
        return Topics.eventTypeOf(topic).getSimpleName();
    }

    /** How the records of an event type are keyed. */
    static RecordKey recordKeyOf(Class<? extends PlatformEvent> type) {
        return KEYS.getOrDefault(type, KEYS.get(PlatformEvent.class));
    }

    private ObjectNode document() {
        ObjectNode document = NODES.objectNode();
        document.put("asyncapi", "3.0.0");
        document.put("id", "urn:io:servicequality:platform:events");
        ObjectNode info = document.putObject("info");
        info.put("title", "Service Quality Platform events");
        info.put("version", topicVersions());
        info.put("description", """
                What flows between the services of the Service Quality Platform, generated from the `contracts` module \
                (records, `Topics`, `EventSample`, `PlatformService`).

                - **Keys** are strings, **values** JSON (UTF-8) **without type headers**: the topic says what a \
                value holds. Polymorphic events carry a logical type name, never a Java class name. Headers: W3C \
                `traceparent` when traced; metric updates also `sqp-accepted-at`.
                - **Evolution is additive**: new optional fields only; consumers ignore fields they do not know. A \
                breaking change gets a new topic version (`sqp.<event>.v2`).
                - **Dead letters**: what a listener cannot process goes to `<topic>.dlt` (channel `dead-letters`) \
                with the bytes that arrived and Spring Kafka's `kafka_dlt-*` headers.
                - Partitions and replication of every topic: `SQP_KAFKA_PARTITIONS` (3), \
                `SQP_KAFKA_REPLICATION_FACTOR` (1); a keyed topic keeps its partition count for life.""");
        document.put("defaultContentType", "application/json");
        ObjectNode servers = document.putObject("servers");
        servers.putObject("local")
                .put("host", "localhost:9092")
                .put("protocol", "kafka")
                .put("description", "The broker of `./platform up`; elsewhere `KAFKA_BOOTSTRAP_SERVERS`.");

        ObjectNode channels = document.putObject("channels");
        ObjectNode messages = NODES.objectNode();
        for (String topic : Topics.all()) {
            channels.set(channelIdOf(topic), channel(topic));
            messages.set(messageNameOf(topic), message(topic));
        }
        channels.set(DEAD_LETTERS, deadLetterChannel());
        messages.set("DeadLetter", deadLetterMessage());

        document.set("operations", operations());

        ObjectNode components = document.putObject("components");
        components.set("messages", messages);
        components.putObject("messageTraits").set("PlatformEvent", eventTrait());
        ObjectNode schemaNodes = components.putObject("schemas");
        schemas.schemas().forEach(schemaNodes::set);
        return document;
    }

    private static String topicVersions() {
        return Topics.all().stream()
                .map(topic -> topic.substring(topic.lastIndexOf(".v") + 2))
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .collect(Collectors.joining(", "));
    }

    private ObjectNode channel(String topic) {
        ObjectNode channel = NODES.objectNode();
        channel.put("address", topic);
        channel.put("title", topic);
        channel.put("description", retentionOf(topic) + " " + whoUses(topic));
        String message = messageNameOf(topic);
        channel.putObject("messages").set(message, ref("#/components/messages/" + message));
        ObjectNode kafka = channel.putObject("bindings").putObject("kafka");
        kafka.put("topic", topic);
        if (Topics.isCompacted(topic)) {
            kafka.putObject("topicConfiguration").putArray("cleanup.policy").add("compact");
        } else if (Topics.isSystemOfRecord(topic)) {
            ObjectNode configuration = kafka.putObject("topicConfiguration");
            configuration.putArray("cleanup.policy").add("delete");
            configuration.put("retention.ms", Topics.UNLIMITED_RETENTION_MS);
        }
        kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
        return channel;
    }

    private static String retentionOf(String topic) {
        if (Topics.isCompacted(topic)) {
            return "Compacted: the latest record per key is that key's current state, kept forever; readers read it"
                    + " whole from the beginning.";
        }
        if (Topics.isSystemOfRecord(topic)) {
            return "The system of record: kept for the configured event retention (`SQP_EVENT_RETENTION_MS`), by"
                    + " default forever (-1), because a rebuild recounts every bucket from its beginning.";
        }
        return "Kept for the broker's default retention.";
    }

    private static String whoUses(String topic) {
        List<String> consumers = new ArrayList<>();
        List<String> readers = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            if (service.consumes().contains(topic)) {
                consumers.add(service.serviceName());
            } else if (service.reads().contains(topic) || PlatformService.READ_BY_EVERY_SERVICE.contains(topic)) {
                readers.add(service.serviceName());
            }
        }
        StringBuilder text = new StringBuilder(
                "Published by " + PlatformService.publisherOf(topic).serviceName() + ".");
        if (!consumers.isEmpty()) {
            text.append(" Consumed by ")
                    .append(String.join(", ", consumers))
                    .append(" (what a listener cannot process goes to `")
                    .append(Topics.deadLetterTopicOf(topic))
                    .append("`).");
        }
        if (!readers.isEmpty()) {
            text.append(" Read whole by ").append(String.join(", ", readers)).append('.');
        }
        return text.toString();
    }

    private ObjectNode message(String topic) {
        Class<? extends PlatformEvent> type = Topics.eventTypeOf(topic);
        ObjectNode message = NODES.objectNode();
        message.put("name", type.getSimpleName());
        message.put("title", type.getSimpleName());
        message.put("summary", SUMMARIES.get(type));
        message.putArray("traits").add(ref("#/components/messageTraits/PlatformEvent"));
        message.set("payload", schemas.refTo(type));
        RecordKey key = recordKeyOf(type);
        ObjectNode keySchema = NODES.objectNode()
                .put("type", "string")
                .put("description", key.description())
                .put("pattern", key.pattern());
        Set<String> keys = new TreeSet<>();
        ArrayNode examples = message.putArray("examples");
        for (EventSample sample : EventSample.values()) {
            if (sample.topic().equals(topic)) {
                PlatformEvent event = JSON.readValue(sample.json(), sample.type());
                keys.add(event.recordKey());
                ObjectNode example = examples.addObject();
                example.put("name", sample.name().toLowerCase().replace('_', '-'));
                example.put("summary", "Record key `" + event.recordKey() + "`.");
                example.set("payload", JSON.readTree(sample.json()));
            }
        }
        ArrayNode keyExamples = keySchema.putArray("examples");
        keys.forEach(keyExamples::add);
        message.putObject("bindings")
                .putObject("kafka")
                .<ObjectNode>set("key", keySchema)
                .put("bindingVersion", KAFKA_BINDING_VERSION);
        return message;
    }

    private static ObjectNode eventTrait() {
        ObjectNode trait = NODES.objectNode();
        trait.put("contentType", "application/json");
        ObjectNode headers = trait.putObject("headers")
                .put("type", "object")
                .put(
                        "description",
                        "No type headers (`__TypeId__`): the topic says what a value holds and the wire never carries"
                                + " Java class names. Trace context travels as W3C `traceparent`.");
        ObjectNode properties = headers.putObject("properties");
        properties
                .putObject("traceparent")
                .put("type", "string")
                .put(
                        "description",
                        "W3C trace context of the operation that sent the event (the request that was accepted, or"
                                + " for a metric update the earliest event it reflects since its bucket was last"
                                + " published); absent when the sender was not traced.");
        properties
                .putObject("sqp-accepted-at")
                .put("type", "string")
                .put(
                        "description",
                        "Only on `" + Topics.METRIC_UPDATED + "`: when the platform accepted the earliest event the"
                                + " update reflects, in epoch milliseconds as decimal text; the live push measures"
                                + " freshness from it (`sqp_freshness_seconds`). Absent for an update whose events were"
                                + " counted before the counting instance restarted.");
        return trait;
    }

    private ObjectNode deadLetterChannel() {
        ObjectNode channel = NODES.objectNode();
        channel.put("address", "{topic}" + Topics.DEAD_LETTER_SUFFIX);
        channel.put("title", "<topic>" + Topics.DEAD_LETTER_SUFFIX);
        channel.put(
                "description",
                "The dead-letter topic of each consumed topic: a record a listener cannot process (it could not be read"
                        + " as the topic's event, failed validation, or still failed after the bounded retries) is"
                        + " published here by the consuming service, with the partition left to the producer.");
        ObjectNode parameter = channel.putObject("parameters").putObject("topic");
        Set<String> consumed = new TreeSet<>();
        for (PlatformService service : PlatformService.values()) {
            consumed.addAll(service.consumes());
        }
        ArrayNode values = parameter.putArray("enum");
        consumed.forEach(values::add);
        parameter.put("description", "The topic whose records were dead-lettered.");
        channel.putObject("messages").set("DeadLetter", ref("#/components/messages/DeadLetter"));
        return channel;
    }

    private static ObjectNode deadLetterMessage() {
        ObjectNode message = NODES.objectNode();
        message.put("name", "DeadLetter");
        message.put("title", "DeadLetter");
        message.put(
                "summary",
                "A record its consumer could not process, as it arrived, with where it came from and why it failed.");
        ObjectNode headers = message.putObject("headers");
        headers.put("type", "object");
        headers.put(
                "description",
                "Spring Kafka's dead-letter headers (`DeadLetterPublishingRecoverer`); numbers are sent as big-endian"
                        + " bytes, text as UTF-8. The original record's own headers are kept.");
        ObjectNode properties = headers.putObject("properties");
        Map<String, String[]> dltHeaders = new LinkedHashMap<>();
        dltHeaders.put("kafka_dlt-original-topic", new String[] {"string", "The topic the record was read from."});
        dltHeaders.put("kafka_dlt-original-partition", new String[] {"integer", "Its partition (4 bytes)."});
        dltHeaders.put("kafka_dlt-original-offset", new String[] {"integer", "Its offset (8 bytes)."});
        dltHeaders.put(
                "kafka_dlt-original-timestamp",
                new String[] {"integer", "Its timestamp, epoch milliseconds (8 bytes)."});
        dltHeaders.put(
                "kafka_dlt-original-timestamp-type", new String[] {"string", "`CreateTime` or `LogAppendTime`."});
        dltHeaders.put(
                "kafka_dlt-original-consumer-group", new String[] {"string", "The consumer group that failed it."});
        dltHeaders.put("kafka_dlt-exception-fqcn", new String[] {"string", "The exception's class."});
        dltHeaders.put("kafka_dlt-exception-cause-fqcn", new String[] {"string", "Its root cause's class."});
        dltHeaders.put("kafka_dlt-exception-message", new String[] {"string", "The exception's message."});
        dltHeaders.put("kafka_dlt-exception-stacktrace", new String[] {"string", "The exception's stack trace."});
        dltHeaders.put(
                "kafka_dlt-key-exception-fqcn",
                new String[] {"string", "Instead of the `kafka_dlt-exception-*` headers when the key failed."});
        dltHeaders.put("kafka_dlt-key-exception-message", new String[] {"string", "The key exception's message."});
        dltHeaders.put(
                "kafka_dlt-key-exception-stacktrace", new String[] {"string", "The key exception's stack trace."});
        dltHeaders.forEach((name, typeAndDescription) -> properties
                .putObject(name)
                .put("type", typeAndDescription[0])
                .put("description", typeAndDescription[1]));
        headers.putArray("required")
                .add("kafka_dlt-original-topic")
                .add("kafka_dlt-original-partition")
                .add("kafka_dlt-original-offset");
        message.putObject("payload")
                .put(
                        "description",
                        "The record's value: the topic's event as JSON when it was read but rejected; the bytes that"
                                + " arrived when they could not be read as one (not necessarily JSON).");
        message.putObject("bindings")
                .putObject("kafka")
                .<ObjectNode>set(
                        "key",
                        NODES.objectNode().put("type", "string").put("description", "The original record's key."))
                .put("bindingVersion", KAFKA_BINDING_VERSION);
        return message;
    }

    private static ObjectNode operations() {
        ObjectNode operations = NODES.objectNode();
        for (PlatformService service : PlatformService.values()) {
            String name = service.serviceName();
            for (String topic : new TreeSet<>(service.publishes())) {
                operations.set(
                        name + "-sends-" + channelIdOf(topic),
                        operation("send", topic, name + " publishes " + messageNameOf(topic) + "."));
            }
            Set<String> received = new TreeSet<>(service.consumes());
            received.addAll(service.reads());
            received.addAll(PlatformService.READ_BY_EVERY_SERVICE);
            for (String topic : received) {
                String how = service.consumes().contains(topic)
                        ? " with a listener; what it cannot process goes to `" + Topics.deadLetterTopicOf(topic) + "`."
                        : " whole, without a listener"
                                + (service.reads().contains(topic)
                                        ? "."
                                        : " (platform-security's registry of API keys and branch regions).");
                operations.set(
                        name + "-receives-" + channelIdOf(topic),
                        operation("receive", topic, name + " reads " + messageNameOf(topic) + how));
            }
            if (!service.consumes().isEmpty()) {
                ObjectNode deadLetters = NODES.objectNode();
                deadLetters.put("action", "send");
                deadLetters.set("channel", ref("#/channels/" + DEAD_LETTERS));
                deadLetters.put(
                        "summary",
                        name + " dead-letters what its listeners cannot process, to `<topic>.dlt` of: "
                                + String.join(", ", new TreeSet<>(service.consumes())) + ".");
                deadLetters.putArray("messages").add(ref("#/channels/" + DEAD_LETTERS + "/messages/DeadLetter"));
                operations.set(name + "-sends-" + DEAD_LETTERS, deadLetters);
            }
        }
        return operations;
    }

    private static ObjectNode operation(String action, String topic, String summary) {
        ObjectNode operation = NODES.objectNode();
        operation.put("action", action);
        operation.set("channel", ref("#/channels/" + channelIdOf(topic)));
        operation.put("summary", summary);
        operation
                .putArray("messages")
                .add(ref("#/channels/" + channelIdOf(topic) + "/messages/" + messageNameOf(topic)));
        return operation;
    }

    private static ObjectNode ref(String pointer) {
        return NODES.objectNode().put("$ref", pointer);
    }

    /** The pretty JSON the committed file holds, ending with a line break. */
    static String prettyJson(JsonNode document) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
    }

    /**
     * @param description how the key is built, in Markdown
     * @param pattern a regular expression every key of the type matches
     */
    record RecordKey(String description, String pattern) {}
}
