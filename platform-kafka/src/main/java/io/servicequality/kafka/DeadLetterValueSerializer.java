package io.servicequality.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Values of dead-lettered records: the original bytes when the value could not be deserialised, JSON (without type
 * headers) when it was deserialised but rejected, so that the dead-letter topic holds what a replay needs. Configured
 * by class name, hence the no-argument constructor.
 */
public class DeadLetterValueSerializer extends DelegatingByTypeSerializer {

    public DeadLetterValueSerializer() {
        super(delegates(), true);
    }

    private static Map<Class<?>, Serializer<?>> delegates() {
        Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
        delegates.put(byte[].class, new ByteArraySerializer());
        // configured from the producer's properties, like the service's own serializer: type headers stay off through
        // spring.json.add.type.headers=false (a serializer takes setters or properties, never both)
        delegates.put(Object.class, new JacksonJsonSerializer<>());
        return delegates;
    }
}
