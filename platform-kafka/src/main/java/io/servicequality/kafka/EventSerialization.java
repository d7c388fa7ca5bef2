package io.servicequality.kafka;

import io.servicequality.contracts.Topics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/**
 * How the platform's events travel, the same in every service: keys as strings ({@code tenantId:branchId} and the
 * like), values as JSON without type headers (the topic says what it holds, {@link Topics#eventTypeOf}), written with
 * {@code acks=all} by an idempotent producer. A value that cannot be read does not stop its listener: the
 * error-handling deserializer hands it on as a failure, and the listener's failure policy dead-letters it with the bytes
 * that arrived. Applied to Boot's consumer and producer factories after the service's own properties, so a service
 * configures timeouts and batching, not (de)serialisation.
 */
public final class EventSerialization {

    private static final TypeFactory TYPES = TypeFactory.createDefaultInstance();

    private EventSerialization() {}

    /** The consumers' value type ({@code spring.json.value.type.method}): the contracts event the topic holds. */
    public static JavaType byTopic(String topic, byte[] data, Headers headers) {
        return TYPES.constructType(Topics.eventTypeOf(topic));
    }

    static Map<String, Object> consumerConfigs() {
        return Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ErrorHandlingDeserializer.class,
                ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS,
                JacksonJsonDeserializer.class,
                JacksonJsonDeserializer.USE_TYPE_INFO_HEADERS,
                false,
                JacksonJsonDeserializer.VALUE_TYPE_METHOD,
                EventSerialization.class.getName() + ".byTopic",
                JacksonJsonDeserializer.TRUSTED_PACKAGES,
                Topics.class.getPackageName());
    }

    static Map<String, Object> producerConfigs() {
        return Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                JacksonJsonSerializer.class,
                JacksonJsonSerializer.ADD_TYPE_INFO_HEADERS,
                false,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true);
    }
}
