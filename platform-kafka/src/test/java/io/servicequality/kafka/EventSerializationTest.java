package io.servicequality.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.PlatformEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.kafka.support.serializer.SerializationUtils;

/** Every service's consumers and producers (de)serialise the platform's events the same way. */
class EventSerializationTest {

    @ParameterizedTest
    @EnumSource(EventSample.class)
    void eachTopicsRecordsAreReadAsTheEventTheTopicHoldsWithoutTypeHeaders(EventSample sample) {
        try (var deserializer = valueDeserializer()) {
            var headers = new RecordHeaders();
            Object event = deserializer.deserialize(
                    sample.topic(), headers, sample.json().getBytes(StandardCharsets.UTF_8));

            assertThat(event).isInstanceOf(sample.type()).isInstanceOf(PlatformEvent.class);
        }
    }

    @Test
    void aValueThatIsNotAnEventIsHandedOnAsAFailureNotThrown() {
        try (var deserializer = valueDeserializer()) {
            var headers = new RecordHeaders();
            Object event = deserializer.deserialize(
                    EventSample.FEEDBACK_SUBMITTED.topic(), headers, "{ not json".getBytes(StandardCharsets.UTF_8));

            assertThat(event).isNull();
            assertThat(headers.lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER))
                    .isNotNull();
        }
    }

    @Test
    void eventsAreWrittenAsJsonWithoutTypeHeadersByAnIdempotentProducerWaitingForAllReplicas() {
        Map<String, Object> producer = EventSerialization.producerConfigs();

        assertThat(producer)
                .containsEntry("value.serializer", JacksonJsonSerializer.class)
                .containsEntry(JacksonJsonSerializer.ADD_TYPE_INFO_HEADERS, false)
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true);
    }

    private static ErrorHandlingDeserializer<Object> valueDeserializer() {
        var deserializer = new ErrorHandlingDeserializer<>();
        deserializer.configure(new HashMap<>(EventSerialization.consumerConfigs()), false);
        return deserializer;
    }
}
