package io.servicequality.feedback.config;

import io.servicequality.contracts.Topics;
import org.apache.kafka.common.header.Headers;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/**
 * The consumers' value type by topic ({@code spring.json.value.type.method}): a record is read as the event its topic
 * holds, so one listener can consume several event topics.
 */
public final class ConsumedEventTypes {

    private static final TypeFactory TYPES = TypeFactory.createDefaultInstance();

    private ConsumedEventTypes() {}

    public static JavaType byTopic(String topic, byte[] data, Headers headers) {
        return TYPES.constructType(Topics.eventTypeOf(topic));
    }
}
