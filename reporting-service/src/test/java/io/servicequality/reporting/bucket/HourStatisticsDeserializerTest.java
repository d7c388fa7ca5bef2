package io.servicequality.reporting.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class HourStatisticsDeserializerTest {

    private final HourStatisticsDeserializer deserializer = new HourStatisticsDeserializer();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anHourUpdateIsReadExactlyAsTheJsonDeserializerReadsIt() {
        MetricUpdated sample = sample(Granularity.HOUR);
        assertThat(sample.statistics().feedbackCount()).isPositive();
        assertThat(read(json.writeValueAsString(sample))).isEqualTo(sample);
        // field order does not matter, unknown fields (a later contract version) are ignored
        ObjectNode reordered = json.createObjectNode();
        reordered.set("statistics", json.valueToTree(sample.statistics()));
        reordered.put("addedLater", 1);
        json.valueToTree(sample).properties().forEach(field -> reordered.set(field.getKey(), field.getValue()));
        assertThat(read(reordered.toString())).isEqualTo(sample);
    }

    @Test
    void aMinuteOrDayUpdateArrivesWithoutItsStatistics() {
        for (Granularity granularity : new Granularity[] {Granularity.MINUTE, Granularity.DAY}) {
            MetricUpdated sample = sample(granularity);
            MetricUpdated read = read(json.writeValueAsString(sample));
            assertThat(read.statistics()).isNull();
            assertThat(read)
                    .usingRecursiveComparison()
                    .ignoringFields("statistics")
                    .isEqualTo(sample);
        }
    }

    /** What follows a minute or day update's statistics is not read: the read model does not store such an update. */
    @Test
    void aMinuteOrDayUpdateIsNotReadBeyondTheStartOfItsStatistics() {
        String cutAfterStatistics = "{\"tenantId\": \"demo\", \"branchId\": \"b-1\", \"granularity\": \"MINUTE\","
                + " \"revision\": 4, \"statistics\": {\"feedbackCount\": ";
        MetricUpdated read = read(cutAfterStatistics);
        assertThat(read.granularity()).isEqualTo(Granularity.MINUTE);
        assertThat(read.revision()).isEqualTo(4);
        assertThat(read.statistics()).isNull();
        assertThatThrownBy(() -> read(cutAfterStatistics.replace("MINUTE", "HOUR")))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void malformedJsonIsASerializationException() {
        assertThatThrownBy(() -> read("{\"tenantId\": \"demo\", \"revision\": "))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> read("[1, 2]")).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> read("{\"granularity\": \"WEEK\"}")).isInstanceOf(SerializationException.class);
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    private MetricUpdated sample(Granularity granularity) {
        try (var reference = new JacksonJsonDeserializer<>(MetricUpdated.class)) {
            MetricUpdated sample =
                    reference.deserialize("t", EventSample.METRIC_UPDATED.json().getBytes(StandardCharsets.UTF_8));
            return new MetricUpdated(
                    sample.eventId(),
                    sample.tenantId(),
                    sample.branchId(),
                    sample.occurredAt(),
                    sample.schemaVersion(),
                    granularity,
                    sample.bucketStart(),
                    sample.revision(),
                    sample.statistics());
        }
    }

    private MetricUpdated read(String value) {
        return deserializer.deserialize("t", value.getBytes(StandardCharsets.UTF_8));
    }
}
